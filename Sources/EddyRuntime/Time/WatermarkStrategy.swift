/// How an input gets event time: which timestamps its elements carry and which watermarks follow
/// them, as Flink's `WatermarkStrategy`. A recipe, not a generator: each input (source split,
/// assigner instance) makes its own generator with ``makeGenerator()``.
///
/// ```swift
/// let strategy = WatermarkStrategy<Click>.boundedOutOfOrderness(millis: 5_000)
///     .withTimestampAssigner { click, _ in click.timestamp }
///     .withIdleness(millis: 60_000)
/// ```
///
/// Thread-safety: a value built on the control plane and handed to one task; the generators it
/// makes belong to that task's thread.
public struct WatermarkStrategy<Element> {
    /// Flink's default `autoWatermarkInterval`.
    public static var defaultPeriodicEmitIntervalMillis: Int64 { 200 }

    private let makeBaseGenerator: () -> any WatermarkGenerator<Element>
    /// Computes an element's event time from the element and the timestamp it already carries;
    /// nil keeps the timestamp it carries.
    public private(set) var timestampAssigner: ((Element, Int64?) -> Int64)?
    /// Inputs with no element for this long are marked idle; nil never marks them idle.
    public private(set) var idleTimeoutMillis: Int64?
    /// How often the task calls ``WatermarkAssignerOperator/onPeriodicEmit(nowMillis:)``; 0 turns
    /// periodic emission off (punctuated generators emit from `onEvent`).
    public var periodicEmitIntervalMillis: Int64 = WatermarkStrategy.defaultPeriodicEmitIntervalMillis

    /// A strategy over a custom generator (Flink's `WatermarkStrategy.forGenerator`).
    /// - Parameter generator: makes one generator per input.
    public init(generator: @escaping () -> any WatermarkGenerator<Element>) {
        makeBaseGenerator = generator
    }

    /// Timestamps never decrease: watermark = largest timestamp − 1.
    public static func monotonousTimestamps() -> WatermarkStrategy {
        WatermarkStrategy { BoundedOutOfOrdernessWatermarks<Element>(outOfOrdernessMillis: 0) }
    }

    /// Elements arrive at most `millis` late: watermark = largest timestamp − `millis` − 1.
    /// - Precondition: `millis >= 0`.
    public static func boundedOutOfOrderness(millis: Int64) -> WatermarkStrategy {
        precondition(millis >= 0, "out-of-orderness \(millis) ms is negative")
        return WatermarkStrategy { BoundedOutOfOrdernessWatermarks<Element>(outOfOrdernessMillis: millis) }
    }

    /// No watermarks (processing-time jobs); event time ends only with the input.
    public static func noWatermarks() -> WatermarkStrategy {
        WatermarkStrategy { NoWatermarksGenerator<Element>() }
    }

    /// The same strategy, with timestamps computed by `assigner(element, carriedTimestamp)`.
    public func withTimestampAssigner(_ assigner: @escaping (Element, Int64?) -> Int64) -> WatermarkStrategy {
        var copy = self
        copy.timestampAssigner = assigner
        return copy
    }

    /// The same strategy, marking an input idle after `millis` without elements (see
    /// ``WatermarksWithIdleness`` for the precision).
    /// - Precondition: `millis > 0`.
    public func withIdleness(millis: Int64) -> WatermarkStrategy {
        precondition(millis > 0, "idle timeout \(millis) ms is not positive")
        var copy = self
        copy.idleTimeoutMillis = millis
        return copy
    }

    /// A new generator for one input, wrapped for idleness when the strategy has a timeout.
    public func makeGenerator() -> any WatermarkGenerator<Element> {
        let base = makeBaseGenerator()
        guard let idleTimeoutMillis else { return base }
        return WatermarksWithIdleness(base, timeoutMillis: idleTimeoutMillis)
    }
}
