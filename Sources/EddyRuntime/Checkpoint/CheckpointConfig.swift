import EddyState

/// How a job takes checkpoints (Flink's `CheckpointConfig`).
public struct CheckpointConfig: Sendable {
    /// Time between periodic checkpoints; nil takes them only on demand (savepoints).
    public var intervalMillis: Int64?
    /// A checkpoint not acknowledged by every task within this is aborted (the job goes on).
    public var timeoutMillis: Int64
    /// Least time from a completed checkpoint to the next periodic trigger. Above 0 it also means
    /// one checkpoint at a time, as in Flink.
    public var minPauseMillis: Int64
    /// Most periodic checkpoints in progress at once (savepoints are not counted).
    public var maxConcurrent: Int
    /// Take checkpoints unaligned: in-flight data becomes state instead of waiting for alignment.
    public var unaligned: Bool
    /// An aligned checkpoint still aligning in a task after this long switches to unaligned
    /// there; nil never switches.
    public var alignmentTimeoutMillis: Int64?
    /// Where tasks write snapshot files; nil: the environment's (`Eddy` fills it in before
    /// deploying; deployment needs one).
    public var storage: (any CheckpointStorage)?
    /// Where completed checkpoints are made durable (the checkpoint store).
    public var sink: any CheckpointCompletionSink

    public init(
        intervalMillis: Int64? = nil, timeoutMillis: Int64 = 600_000, minPauseMillis: Int64 = 0, maxConcurrent: Int = 1,
        unaligned: Bool = false, alignmentTimeoutMillis: Int64? = nil, storage: (any CheckpointStorage)? = nil,
        sink: any CheckpointCompletionSink
    ) {
        precondition(intervalMillis.map { $0 > 0 } ?? true, "checkpoint interval must be positive")
        precondition(maxConcurrent >= 1, "at least one concurrent checkpoint")
        self.intervalMillis = intervalMillis
        self.timeoutMillis = timeoutMillis
        self.minPauseMillis = minPauseMillis
        self.maxConcurrent = maxConcurrent
        self.unaligned = unaligned
        self.alignmentTimeoutMillis = alignmentTimeoutMillis
        self.storage = storage
        self.sink = sink
    }
}
