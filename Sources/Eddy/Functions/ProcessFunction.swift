import EddyRuntime

/// Per-record logic with access to the record's timestamp, the watermark and side outputs, on a
/// non-keyed stream (Flink's `ProcessFunction`; keyed state and timers need ``KeyedProcessFunction``).
///
/// Thread-safety: an instance per subtask (the factory passed to `process` makes one), called on its
/// task thread only.
public protocol ProcessFunction<Input, Out>: AnyObject {
    associatedtype Input
    associatedtype Out
    func processElement(_ value: Input, context: ProcessContext<Out>) throws
}

/// What a ``ProcessFunction`` gets per record.
///
/// Thread-safety: the task thread only; valid during the call it was passed to.
public final class ProcessContext<Out> {
    let output: Output<Out>
    let metrics: OperatorMetrics
    /// The record's timestamp; nil when it has none.
    public internal(set) var timestamp: Int64?
    /// The operator's current watermark.
    public internal(set) var currentWatermark = Int64.min
    public let subtaskIndex: Int

    init(output: Output<Out>, metrics: OperatorMetrics, subtaskIndex: Int) {
        self.output = output
        self.metrics = metrics
        self.subtaskIndex = subtaskIndex
    }

    public func collect(_ value: Out) throws {
        metrics.recordsOut.increment()
        try output.record(value, timestamp)
    }

    public func emit<T>(_ value: T, to tag: OutputTag<T>) throws {
        try output.sideOutput(tag.name, value, timestamp)
    }
}
