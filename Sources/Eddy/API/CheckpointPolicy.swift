import EddyRuntime

/// How a job run by ``StreamExecutionEnvironment/execute(_:)`` checkpoints into its checkpoint
/// directory, restores and restarts (Flink's `CheckpointConfig` plus the restart strategy and the
/// savepoint to start from). `execute` turns it into the coordinator's ``CheckpointConfig`` with a
/// ``CompletedCheckpointStore`` of `<checkpoint dir>/<job ID>`; it needs a checkpoint directory.
public struct CheckpointPolicy: Sendable {
    /// Time between checkpoint triggers; nil: no periodic checkpoints.
    public var intervalMillis: Int64?
    /// A checkpoint not complete after this is aborted (the job goes on).
    public var timeoutMillis: Int64 = 600_000
    /// At least this long between the end of one checkpoint and the trigger of the next.
    public var minPauseMillis: Int64 = 0
    public var maxConcurrent = 1
    /// Completed checkpoints kept; older ones, and shared files only they used, are deleted.
    public var retained = 1
    /// In-flight buffers become part of checkpoints instead of waiting for barrier alignment.
    public var unaligned = false
    /// Aligned checkpoints switch to unaligned when alignment takes longer than this.
    public var alignmentTimeoutMillis: Int64?
    /// What a task failure does (restart from the latest checkpoint, or fail the job).
    public var restartStrategy = RestartStrategy.exponentialDefault
    /// Start from this checkpoint or savepoint (a `_metadata`, `chk-<n>` or savepoint directory).
    public var restorePath: String?
    /// Without `restorePath`: resume from the newest checkpoint that verifies in
    /// `<checkpoint dir>/<jobID>`, if any (a rerun after a crash).
    public var resumeFromLatest = true
    /// Start even when the restored checkpoint has state of operators the program no longer has.
    public var allowNonRestoredState = false

    public init() {}

    /// Whether `execute` manages checkpoints, restores and restarts at all.
    public var isEnabled: Bool { intervalMillis != nil || restorePath != nil }
}
