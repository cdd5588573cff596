/// Assigns timestamps and generates watermarks inside a chain, as Flink's
/// `TimestampsAndWatermarksOperator`.
///
/// Per element: compute its timestamp (the strategy's assigner, or the one it carries), mark the
/// output active if it was idle, send the element downstream, then show it to the generator. On the
/// task's periodic timer, ``onPeriodicEmit(nowMillis:)`` lets the generator emit a watermark or mark
/// the input idle; only increasing watermarks go downstream (``WatermarkOutput``). ``finish()``
/// sends ``Watermark/endOfTime``.
///
/// Upstream events: watermarks from upstream are ignored, except ``Watermark/endOfTime``, which is
/// forwarded (end of input must reach the timers downstream); upstream stream statuses are ignored,
/// since this operator decides its own output's status. Latency markers and side outputs pass through.
///
/// Thread-safety: task thread only.
public final class WatermarkAssignerOperator<Element>: OperatorLifecycle {
    public let name: String
    /// How often the task should call ``onPeriodicEmit(nowMillis:)``; 0 for never.
    public let periodicEmitIntervalMillis: Int64
    /// Where watermarks and statuses go; tells the current watermark and whether idle.
    public let watermarkOutput: WatermarkOutput

    private let downstream: Output<Element>
    private let generator: any WatermarkGenerator<Element>
    private let timestampAssigner: ((Element, Int64?) -> Int64)?

    /// - Parameters:
    ///   - strategy: makes this operator's generator.
    ///   - downstream: the output that receives elements with their timestamps, and watermarks.
    public init(strategy: WatermarkStrategy<Element>, downstream: Output<Element>, name: String = "watermarks") {
        self.name = name
        self.downstream = downstream
        periodicEmitIntervalMillis = strategy.periodicEmitIntervalMillis
        generator = strategy.makeGenerator()
        timestampAssigner = strategy.timestampAssigner
        watermarkOutput = WatermarkOutput(downstream)
    }

    /// The output the upstream operator writes to. It holds this operator; the operator does not
    /// hold it, so there is no cycle.
    public var input: Output<Element> {
        Output(
            record: { [self] value, timestamp in try processElement(value, timestamp: timestamp) },
            watermark: { [self] watermark in
                if watermark == .endOfTime { try finish() }
            },
            streamStatus: { _ in },
            latencyMarker: downstream.latencyMarker,
            sideOutput: downstream.sideOutput)
    }

    /// The last watermark sent downstream.
    public var currentWatermark: Watermark { watermarkOutput.currentWatermark }
    /// Whether the output is currently marked idle.
    public var isIdle: Bool { watermarkOutput.isIdle }

    /// Timestamps `value`, forwards it and shows it to the generator. Elements without a timestamp
    /// and without an assigner go on without one; the generator sees them at `Int64.min` (as in
    /// Flink), which counts as activity but never advances a watermark.
    /// - Throws: what the assigner's downstream throws.
    @inline(__always)
    public func processElement(_ value: Element, timestamp: Int64?) throws {
        let assigned = timestampAssigner.map { $0(value, timestamp) } ?? timestamp
        if watermarkOutput.isIdle { try watermarkOutput.markActive() }
        try downstream.record(value, assigned)
        try generator.onEvent(value, timestamp: assigned ?? Int64.min, output: watermarkOutput)
    }

    /// The periodic tick: the generator may emit a watermark or mark the input idle.
    /// - Parameter nowMillis: the task's processing time.
    public func onPeriodicEmit(nowMillis: Int64) throws {
        try generator.onPeriodicEmit(nowMillis: nowMillis, output: watermarkOutput)
    }

    /// End of input: sends ``Watermark/endOfTime`` (once), so every event-time timer downstream fires.
    public func finish() throws {
        try watermarkOutput.emitWatermark(.endOfTime)
    }
}
