import EddyMemory
import EddyState

/// What a factory gets when it builds one subtask of a node.
public struct DeploymentContext {
    public var jobID: String
    /// The node's id in the graph, as `"<id>-<name>"`; unique per job.
    public var operatorID: String
    public var operatorName: String
    public var subtaskIndex: Int
    public var parallelism: Int
    public var maxParallelism: Int
    public var memory: MemoryManager
    public var clock: any StateClock
    /// Registered by the factory: run when the job has ended (dispose backends, close files).
    public var addCleanup: (@escaping @Sendable () -> Void) -> Void
    /// Registered by the factory: periodic work on the task thread (watermarks, timers).
    public var addPeriodic: (PeriodicAction) -> Void
    /// Metrics of the subtask being built.
    public var metrics: OperatorMetrics
    /// The state to start from when the job resumes from a checkpoint or savepoint (nil: fresh).
    public var restore: OperatorRestore?

    public init(
        jobID: String, operatorID: String, operatorName: String, subtaskIndex: Int, parallelism: Int,
        maxParallelism: Int, memory: MemoryManager, clock: any StateClock,
        addCleanup: @escaping (@escaping @Sendable () -> Void) -> Void,
        addPeriodic: @escaping (PeriodicAction) -> Void, metrics: OperatorMetrics, restore: OperatorRestore? = nil
    ) {
        self.jobID = jobID
        self.operatorID = operatorID
        self.operatorName = operatorName
        self.subtaskIndex = subtaskIndex
        self.parallelism = parallelism
        self.maxParallelism = maxParallelism
        self.memory = memory
        self.clock = clock
        self.addCleanup = addCleanup
        self.addPeriodic = addPeriodic
        self.metrics = metrics
        self.restore = restore
    }

    /// An operator context for the operator this factory builds.
    public var operatorContext: OperatorContext {
        OperatorContext(
            operatorID: operatorID, subtaskIndex: subtaskIndex, parallelism: parallelism,
            maxParallelism: maxParallelism, memory: memory, clock: clock, metrics: metrics)
    }
}
