/// Wraps a generator so that an input with no events for `timeoutMillis` is marked idle, as Flink's
/// `WatermarksWithIdleness`; the next event marks it active again.
///
/// Activity is sampled at periodic ticks, as Flink's `IdlenessTimer` does: a tick that saw events
/// since the last one records its own time as the last activity, and a tick at least `timeoutMillis`
/// after that marks the input idle. So an input turns idle between `timeoutMillis` and
/// `timeoutMillis` + one emit interval after its last event, never sooner, and without reading a
/// clock per event. While idle, the wrapped generator's periodic watermarks are withheld.
///
/// Thread-safety: task thread only.
public final class WatermarksWithIdleness<Element>: WatermarkGenerator {
    public let timeoutMillis: Int64
    private let wrapped: any WatermarkGenerator<Element>
    private var sawEventSinceLastTick = false
    /// Time of the last tick that saw activity (or of the first tick); nil before any tick.
    private var lastActiveMillis: Int64?

    /// - Precondition: `timeoutMillis > 0`.
    public init(_ wrapped: any WatermarkGenerator<Element>, timeoutMillis: Int64) {
        precondition(timeoutMillis > 0, "idle timeout \(timeoutMillis) ms is not positive")
        self.wrapped = wrapped
        self.timeoutMillis = timeoutMillis
    }

    public func onEvent(_ element: Element, timestamp: Int64, output: WatermarkOutput) throws {
        sawEventSinceLastTick = true
        if output.isIdle { try output.markActive() }
        try wrapped.onEvent(element, timestamp: timestamp, output: output)
    }

    public func onPeriodicEmit(nowMillis: Int64, output: WatermarkOutput) throws {
        if sawEventSinceLastTick || lastActiveMillis == nil {
            sawEventSinceLastTick = false
            lastActiveMillis = nowMillis
        }
        if let lastActiveMillis, nowMillis - lastActiveMillis >= timeoutMillis {
            try output.markIdle()
        } else {
            try wrapped.onPeriodicEmit(nowMillis: nowMillis, output: output)
        }
    }
}
