import EddyRuntime

/// What a two-input process function sees of the element it is processing and where it emits: the
/// element's timestamp, the operator's current watermark, the main output and side outputs (the
/// `Context` of Flink's `CoProcessFunction`). The keyed and broadcast contexts add state to it.
///
/// One context per operator subtask, reused for every element: keep no reference to it beyond
/// the call it was passed to.
///
/// Thread-safety: confined to the operator's task thread.
public class CoProcessContext<Out> {
    let output: Output<Out>
    let metrics: OperatorMetrics
    let progress: TwoInputProgress<Out>
    /// The subtask this context belongs to, in `0..<parallelism`.
    public let subtaskIndex: Int
    public let parallelism: Int
    /// Event-time timestamp of the element being processed (milliseconds), nil when it has none.
    public internal(set) var timestamp: Int64?

    init(output: Output<Out>, metrics: OperatorMetrics, progress: TwoInputProgress<Out>, subtaskIndex: Int, parallelism: Int) {
        self.output = output
        self.metrics = metrics
        self.progress = progress
        self.subtaskIndex = subtaskIndex
        self.parallelism = parallelism
    }

    /// The operator's watermark: the minimum of both inputs' watermarks.
    public final var currentWatermark: Watermark { progress.currentWatermark }

    /// Emits `value` with the timestamp of the element being processed.
    public final func collect(_ value: Out) throws {
        metrics.recordsOut.increment()
        try output.record(value, timestamp)
    }

    /// Emits `value` with `timestamp` (nil: none).
    public final func collect(_ value: Out, timestamp: Int64?) throws {
        metrics.recordsOut.increment()
        try output.record(value, timestamp)
    }

    /// Emits `value` to the side output `tag`, with the element's timestamp.
    public final func emit<T>(_ value: T, to tag: OutputTag<T>) throws {
        try output.sideOutput(tag.name, value, timestamp)
    }
}
