import EddyCore
import EddyMemory
import EddyRuntime
import EddySketches
import EddyState
import EddyWindowing

extension DataStream {
    /// Distinct users per sliding (or tumbling, `slide == window`) event-time window, exact or
    /// estimated (``DistinctCountMethod``): one ``DistinctCountResult`` per window that saw a record,
    /// in order of window end, each when the watermark passes the window's end.
    ///
    /// Runs keyed by user at the environment's parallelism (each subtask counts the users of its key
    /// groups, so exact parts add up; sketch parts carry the window's sketch and are united), then a
    /// sum per window at parallelism 1. At parallelism 1 the
    /// counter is chained to its input instead (one subtask owns every key group: no exchange). Records whose first
    /// window has already fired are late: dropped, counted in the `lateRecordsDropped` metric, and
    /// sent to the side output ``DistinctCountOperator/lateOutputTag``.
    /// - Parameters:
    ///   - user: the user of a record (its key).
    ///   - windowMillis, slideMillis: the slide must divide the window.
    public func distinctCount(
        by user: @escaping (Element) -> Int64, windowMillis: Int64, slideMillis: Int64,
        options: DistinctCountOptions = DistinctCountOptions(), name: String = "distinct-count"
    ) -> DataStream<DistinctCountResult> {
        let windows = SliceWindows(sizeMillis: windowMillis, slideMillis: slideMillis)
        let settings = environment.settings
        let buildSubtask: (DeploymentContext, any KeyedStateBackend<Int64>, Output<DistinctCountPart>) throws
            -> (Output<Element>, [OperatorLifecycle]) = { context, backend, output in
                let memory = context.memory.register(
                    owner: "job/\(context.jobID)/\(context.operatorID)/\(context.subtaskIndex)/distinct",
                    limit: options.memoryLimitBytes.map { max($0 / context.memory.segmentSize, 2) })
                context.addCleanup { memory.close() }
                let build = DistinctOperatorBuild(
                    context: context, windows: windows, options: options, memory: memory, settings: settings, name: name)
                switch options.method {
                case .exact:
                    let spill = try KeyedStateSpillStore(backend: backend)
                    let counter = try ExactDistinctCounter(
                        windows: windows, memory: memory, expectedUsers: options.expectedUsersPerWindow, spill: spill)
                    return try build.run(counter, spill: spill, user: user, output: output)
                case .hll:
                    let counter = SketchDistinctCounter<HyperLogLog>(windows: windows, hllPrecision: options.hllPrecision, memory: memory)
                    return try build.run(counter, spill: nil, user: user, output: output)
                case .bloom:
                    let counter = SketchDistinctCounter<SplitBlockBloomFilter>(
                        windows: windows, expectedUsers: options.expectedUsersPerWindow, falsePositiveRate: options.bloomFalsePositiveRate,
                        memory: memory)
                    return try build.run(counter, spill: nil, user: user, output: output)
                }
        }
        let parts: DataStream<DistinctCountPart>
        if environment.parallelism == 1 && (node.parallelism ?? 1) == 1 {
            // One subtask owns every key group: chain the counter to its input, no keyed exchange.
            let makeBackend = environment.keyedBackendFactory(for: Int64.self)
            parts = addOperator(name) { context, output in
                let checkpointing = try makeBackend(context)
                let backend = checkpointing.backend
                let (input, built) = try buildSubtask(context, backend, output)
                let lifecycle = built + [checkpointing]
                guard let collector = settings.finalCheckpoint else { return (input, lifecycle) }
                return (input, lifecycle + [FinalSnapshotLifecycle(
                    name: "\(name)/final-checkpoint", backend: backend, storage: settings.storage, collector: collector,
                    operatorID: context.operatorID, subtask: context.subtaskIndex)])
            }
        } else {
            parts = keyBy(user).addKeyedOperator(name) { context, backend, _, output in try buildSubtask(context, backend, output) }
        }
        return parts.addOperator("\(name)-sum") { context, output in
            let memory = context.memory.register(owner: "job/\(context.jobID)/\(context.operatorID)/\(context.subtaskIndex)/distinct-sum")
            context.addCleanup { memory.close() }
            let sketches: SketchUnion? = switch options.method {
            case .exact: nil
            case .hll: .of(HyperLogLog.self, memory: memory)
            case .bloom: .of(SplitBlockBloomFilter.self, memory: memory)
            }
            let sum = DistinctCountSum(name: "\(name)-sum", maxParallelism: context.maxParallelism, sketches: sketches)
            if let restore = context.restore { try sum.restore(from: restore) }
            return (sum.input(output: output, metrics: context.metrics), [sum])
        }.setParallelism(1)
    }
}

/// What building one distinct-count subtask needs, so the per-method cases stay one line each.
struct DistinctOperatorBuild {
    let context: DeploymentContext
    let windows: SliceWindows
    let options: DistinctCountOptions
    let memory: MemoryOwner
    let settings: JobSettings
    let name: String

    /// Wraps `counter` in its operator, restores it when the job resumes, and adds the final
    /// snapshot of its pages when the job takes a final checkpoint.
    func run<Counter: SlidingDistinctCounter, Element>(
        _ counter: Counter, spill: (any DistinctSpillStore)?, user: @escaping (Element) -> Int64,
        output: Output<DistinctCountPart>
    ) throws -> (Output<Element>, [OperatorLifecycle]) {
        let range = KeyGroupRangeAssignment.range(
            forOperatorIndex: context.subtaskIndex, parallelism: context.parallelism, maxParallelism: context.maxParallelism)
        let op = DistinctCountOperator(
            name: "\(context.operatorID)/\(context.subtaskIndex)", counter: counter, keyGroupRange: range,
            maxParallelism: context.maxParallelism, metrics: context.metrics, spill: spill)
        if let restore = context.restore { try op.restore(from: restore) }
        let input = op.input(user: { UInt64(bitPattern: user($0)) }, output: output)
        guard let collector = settings.finalCheckpoint else { return (input, [op]) }
        let storage = settings.storage
        let operatorID = context.operatorID
        let subtask = context.subtaskIndex
        let final = FinalRawSnapshotLifecycle(name: "\(name)/final-checkpoint") {
            let request = SnapshotRequest(
                barrier: CheckpointBarrier(checkpointID: collector.checkpointID, timestampMillis: 0),
                location: CheckpointStorageLocation(storage: storage, checkpointID: collector.checkpointID),
                operatorID: operatorID, subtaskIndex: subtask)
            let state = try op.snapshotState(request).finish()
            collector.addRaw(operatorID: operatorID, subtask: subtask, handles: state.rawKeyedState)
        }
        return (input, [op, final])
    }
}

/// Runs `snapshot` when the operator's input has ended (after its last windows fired): the raw
/// keyed state of the job's final checkpoint.
final class FinalRawSnapshotLifecycle: OperatorLifecycle {
    let name: String
    let snapshot: () throws -> Void

    init(name: String, snapshot: @escaping () throws -> Void) {
        self.name = name
        self.snapshot = snapshot
    }

    func finish() throws { try snapshot() }
}
