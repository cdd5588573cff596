import EddyState

/// Everything the tasks acknowledged for one checkpoint, handed to the store once all acknowledged.
public struct AcknowledgedCheckpoint: Sendable {
    public var checkpointID: Int64
    public var options: CheckpointOptions
    public var timestampMillis: Int64
    /// Per operator ID, per subtask index.
    public var operators: [String: [Int: OperatorSubtaskState]]
    /// Parallelism per operator ID (a rescaled restore needs the old one).
    public var parallelism: [String: Int]
    public var maxParallelism: Int

    public init(
        checkpointID: Int64, options: CheckpointOptions, timestampMillis: Int64,
        operators: [String: [Int: OperatorSubtaskState]], parallelism: [String: Int], maxParallelism: Int
    ) {
        self.checkpointID = checkpointID
        self.options = options
        self.timestampMillis = timestampMillis
        self.operators = operators
        self.parallelism = parallelism
        self.maxParallelism = maxParallelism
    }
}

/// Where the coordinator completes checkpoints: writes `_metadata` durably (the checkpoint exists
/// from then on), retains the newest N and releases files nothing needs, or cleans up an aborted one.
///
/// Thread-safety: called from the coordinator's thread; implementations lock what they share.
public protocol CheckpointCompletionSink: AnyObject, Sendable {
    /// Makes the checkpoint durable. Throws when it cannot (disk full): the checkpoint then counts as
    /// failed, the job goes on.
    func complete(_ checkpoint: AcknowledgedCheckpoint) throws
    /// Removes what an aborted checkpoint wrote (its exclusive directory; shared files it alone added).
    /// May be called again for the same id: a task that acknowledges after the abort (its write was
    /// slower than the timeout) hands its files over the same way.
    func abort(checkpointID: Int64, written: [OperatorSubtaskState])
}
