import EddyMemory
import EddyState

/// What an operator instance gets from its task when it opens.
public struct OperatorContext {
    /// The operator's name in the job graph, unique per job (e.g. `3-window`).
    public var operatorID: String
    public var subtaskIndex: Int
    public var parallelism: Int
    public var maxParallelism: Int
    /// The job's memory budget, for owners of segments (window tables, sketches).
    public var memory: MemoryManager
    /// Processing time, in milliseconds (injectable for tests).
    public var clock: any StateClock
    /// Metrics of this operator.
    public var metrics: OperatorMetrics

    public init(
        operatorID: String, subtaskIndex: Int, parallelism: Int, maxParallelism: Int,
        memory: MemoryManager, clock: any StateClock, metrics: OperatorMetrics
    ) {
        self.operatorID = operatorID
        self.subtaskIndex = subtaskIndex
        self.parallelism = parallelism
        self.maxParallelism = maxParallelism
        self.memory = memory
        self.clock = clock
        self.metrics = metrics
    }
}
