/// What a task reports for one checkpoint once its snapshot is written.
public struct TaskAcknowledgement: Sendable {
    public var checkpointID: Int64
    /// The task's key (``StreamTask/key``), unique per job.
    public var taskKey: String
    public var subtaskIndex: Int
    /// The state of each checkpointed operator of the task's chain, by operator ID.
    public var operators: [String: OperatorSubtaskState]
    public var metrics: TaskCheckpointMetrics

    public init(
        checkpointID: Int64, taskKey: String, subtaskIndex: Int, operators: [String: OperatorSubtaskState],
        metrics: TaskCheckpointMetrics
    ) {
        self.checkpointID = checkpointID
        self.taskKey = taskKey
        self.subtaskIndex = subtaskIndex
        self.operators = operators
        self.metrics = metrics
    }
}

/// How long one task's part of a checkpoint took, and what it wrote.
public struct TaskCheckpointMetrics: Sendable, Hashable {
    /// From the first barrier to the snapshot (0 for sources and unaligned checkpoints).
    public var alignmentNanoseconds: UInt64 = 0
    /// The synchronous parts of all operators, on the task thread.
    public var synchronousNanoseconds: UInt64 = 0
    /// The asynchronous parts, on the checkpoint writer.
    public var asynchronousNanoseconds: UInt64 = 0
    /// Bytes of every file the task's state refers to.
    public var stateBytes: Int64 = 0
    /// Bytes of recorded in-flight data (unaligned checkpoints).
    public var channelStateBytes: Int64 = 0

    public init() {}
}

/// Where tasks report checkpoints: the job's ``CheckpointCoordinator``.
///
/// Thread-safety: called from checkpoint writer and task threads.
public protocol CheckpointResponder: AnyObject, Sendable {
    func acknowledge(_ acknowledgement: TaskAcknowledgement)
    /// The task cannot take part (a snapshot failed, a newer barrier overtook it).
    func decline(checkpointID: Int64, taskKey: String, reason: String)
}
