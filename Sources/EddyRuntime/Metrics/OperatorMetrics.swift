/// Counters of one operator subtask. Written by its task thread, read by reporters.
///
/// Thread-safety: see ``SingleWriterCounter``.
public final class OperatorMetrics: Sendable {
    public let operatorID: String
    public let subtaskIndex: Int
    public let recordsIn = SingleWriterCounter()
    public let recordsOut = SingleWriterCounter()
    /// Records that failed to parse or process and went to a dead-letter output.
    public let deadLetters = SingleWriterCounter()
    /// Records dropped as late (event time behind the watermark and past allowed lateness).
    public let lateRecordsDropped = SingleWriterCounter()
    /// The operator's current input watermark (ms); `Int64.min` before the first.
    public let currentWatermark = SingleWriterCounter()

    public init(operatorID: String, subtaskIndex: Int) {
        self.operatorID = operatorID
        self.subtaskIndex = subtaskIndex
        currentWatermark.set(Int64.min)
    }
}
