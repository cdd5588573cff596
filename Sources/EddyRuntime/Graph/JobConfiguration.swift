import EddyMemory
import EddyState

/// Settings of one job's deployment.
public struct JobConfiguration {
    public var jobID: String
    public var name: String
    public var defaultParallelism: Int
    public var maxParallelism: Int
    /// Flush timeout of exchange buffers (Flink's `execution.buffer-timeout`, default 100 ms).
    public var bufferTimeoutMillis: Int
    /// Segments (credits) per channel.
    public var buffersPerChannel: Int
    /// The process's memory budget; the job's exchanges take their segments from it.
    public var memory: MemoryManager
    public var clock: any StateClock
    /// Where the job's metrics are registered (operators, task times, channels, the buffer pool);
    /// they are removed when the job ends. nil: none.
    public var metrics: MetricRegistry?
    /// Periodic and on-demand checkpoints; nil takes none (no coordinator, no barriers).
    public var checkpointing: CheckpointConfig?
    /// The checkpoint or savepoint to start from; nil starts fresh.
    public var restore: RestoredCheckpoint?
    /// The job's checkpoint ids, when something besides the coordinator takes checkpoints (the
    /// end-of-input snapshot); nil: the coordinator counts on from the restored id alone.
    public var checkpointIDs: CheckpointIDCounter?

    public init(
        jobID: String, name: String, defaultParallelism: Int = 1, maxParallelism: Int = 128,
        bufferTimeoutMillis: Int = 100, buffersPerChannel: Int = 4, memory: MemoryManager,
        clock: any StateClock = SystemStateClock(), metrics: MetricRegistry? = nil,
        checkpointing: CheckpointConfig? = nil, restore: RestoredCheckpoint? = nil
    ) {
        self.metrics = metrics
        self.checkpointing = checkpointing
        self.restore = restore
        self.jobID = jobID
        self.name = name
        self.defaultParallelism = defaultParallelism
        self.maxParallelism = maxParallelism
        self.bufferTimeoutMillis = bufferTimeoutMillis
        self.buffersPerChannel = buffersPerChannel
        self.memory = memory
        self.clock = clock
    }
}
