import EddyMemory
import Synchronization

/// Turns a logical graph into a running job: one task per chain and subtask, a channel per
/// producer-consumer pair of every edge that crosses tasks, writers at the producing ends, input
/// gates at the consuming ones, and the typed operators wired together by their factories.
public enum JobDeployment {
    /// Builds and starts the job.
    /// - Throws: ``JobGraphError`` for a graph that cannot run; ``MemoryError`` when the budget has
    ///   no room for the exchanges; whatever a factory throws (a state backend that cannot open).
    public static func deploy(nodes: [LogicalNode], configuration: JobConfiguration) throws -> RunningJob {
        let plan = try ChainPlan(nodes: nodes, defaultParallelism: configuration.defaultParallelism)
        if let restore = configuration.restore {
            try validate(restore, plan: plan, nodes: nodes, maxParallelism: configuration.maxParallelism)
        }
        let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        let network = configuration.memory.register(owner: "job/\(configuration.jobID)/network")
        var cleanup: [@Sendable () -> Void] = []
        var onCancel: [@Sendable () -> Void] = []
        do {
            // One task per chain head and subtask.
            var tasks: [Int: [StreamTask]] = [:]
            for (headID, members) in plan.members.sorted(by: { $0.key < $1.key }) {
                let p = plan.parallelism[headID]!
                let label = members.map { byID[$0]!.name }.joined(separator: " -> ")
                tasks[headID] = (0..<p).map { StreamTask(name: "\(label) (\($0 + 1)/\(p))", key: "\(headID)-\($0)") }
            }
            let allTasks = tasks.sorted { $0.key < $1.key }.flatMap(\.value)
            let checkpoints = try configuration.checkpointing.map { config in
                try JobCheckpoints(
                    jobID: configuration.jobID, config: config, tasks: allTasks,
                    parallelism: Dictionary(uniqueKeysWithValues: nodes.map { (operatorID(of: $0), plan.parallelism[$0.id]!) }),
                    maxParallelism: configuration.maxParallelism,
                    ids: configuration.checkpointIDs ?? CheckpointIDCounter(after: configuration.restore?.checkpointID ?? 0))
            }
            if let checkpoints {
                // First, before backends are disposed: no snapshot write may outlive them.
                cleanup.append { checkpoints.end() }
            }
            // Channels of every edge between tasks: [target][edge index][producer] → consumer → channel.
            var channels: [Int: [[Int: [Int: LocalChannel]]]] = [:]
            for node in nodes {
                channels[node.id] = try plan.edges[node.id]!.map { edge in
                    guard !plan.isChained(edge, into: node.id) else { return [:] }
                    let producers = plan.parallelism[edge.source]!, consumers = plan.parallelism[node.id]!
                    var perProducer: [Int: [Int: LocalChannel]] = [:]
                    for producer in 0..<producers {
                        for consumer in edge.partitioning.targets(producer: producer, producers: producers, consumers: consumers) {
                            let channel = try LocalChannel(
                                owner: network, capacity: configuration.buffersPerChannel,
                                consumer: tasks[plan.head[node.id]!]![consumer].notifier)
                            channel.producerAccounting = tasks[plan.head[edge.source]!]![producer].accounting
                            perProducer[producer, default: [:]][consumer] = channel
                            configuration.metrics?.register(channel, scope: MetricNames.join(
                                MetricNames.job(configuration.jobID),
                                "channel/\(edge.source)-\(node.id)/\(producer)-\(consumer)"))
                            cleanup.append { channel.close() }
                            onCancel.append { channel.cancel() }
                        }
                    }
                    return perProducer
                }
            }
            for (headID, members) in plan.members {
                for (subtask, task) in tasks[headID]!.enumerated() {
                    try build(
                        task: task, subtask: subtask, headID: headID, members: members, plan: plan, byID: byID,
                        channels: channels, configuration: configuration, checkpoints: checkpoints, cleanup: &cleanup)
                }
            }
            cleanup.append { network.close() }
            if let registry = configuration.metrics {
                let jobScope = MetricNames.job(configuration.jobID)
                registry.register(configuration.memory, scope: MetricNames.join(jobScope, "buffer-pool"))
                for (headID, headTasks) in tasks {
                    for (subtask, task) in headTasks.enumerated() {
                        registry.register(task.accounting, scope: MetricNames.task(
                            jobID: configuration.jobID, taskName: "\(headID)", subtask: subtask))
                    }
                }
                if let checkpoints {
                    registry.register(checkpoints.coordinator.statistics, scope: MetricNames.join(jobScope, "checkpoints"))
                }
                cleanup.append { registry.unregister(prefix: jobScope) }
            }
            let job = RunningJob(
                jobID: configuration.jobID, name: configuration.name, tasks: allTasks, cleanup: cleanup, onCancel: onCancel,
                checkpointCoordinator: checkpoints?.coordinator)
            job.start()
            checkpoints?.coordinator.start()
            return job
        } catch {
            for action in cleanup { action() }
            network.close()
            throw error
        }
    }

    /// Wires one subtask of one chain: operators from the tail back to the head, then the head's
    /// source or input gates.
    private static func build(
        task: StreamTask, subtask: Int, headID: Int, members: [Int], plan: ChainPlan, byID: [Int: LogicalNode],
        channels: [Int: [[Int: [Int: LocalChannel]]]], configuration: JobConfiguration, checkpoints: JobCheckpoints?,
        cleanup: inout [@Sendable () -> Void]
    ) throws {
        let p = plan.parallelism[headID]!
        let taskScope = MetricNames.task(jobID: configuration.jobID, taskName: "\(headID)", subtask: subtask)
        var inputBoxes: [Int: [AnyObject]] = [:]
        var lifecycles: [OperatorLifecycle] = []
        var checkpointed: [TaskCheckpointing.Part] = []
        var writers: [TaskOutput] = []
        var periodic: [PeriodicAction] = []
        var jobCleanup: [@Sendable () -> Void] = []
        var source: SourceDriver?

        for nodeID in members.reversed() {
            let node = byID[nodeID]!
            let operatorID = operatorID(of: node)
            let context = DeploymentContext(
                jobID: configuration.jobID, operatorID: operatorID, operatorName: node.name,
                subtaskIndex: subtask, parallelism: p, maxParallelism: configuration.maxParallelism,
                memory: configuration.memory, clock: configuration.clock,
                addCleanup: { jobCleanup.append($0) }, addPeriodic: { periodic.append($0) },
                metrics: OperatorMetrics(operatorID: operatorID, subtaskIndex: subtask),
                restore: configuration.restore?.restore(operatorID: operatorID, subtask: subtask, parallelism: p))
            configuration.metrics?.register(context.metrics, scope: MetricNames.operator(context.operatorID, in: taskScope))
            let downstream = try downstreamBox(
                of: node, subtask: subtask, plan: plan, byID: byID, channels: channels, inputBoxes: inputBoxes,
                configuration: configuration, writers: &writers)
            var built: [OperatorLifecycle] = []
            if let makeSource = node.makeSource {
                guard let downstream else { throw JobGraphError("source '\(node.name)' has no output") }
                let driver = try makeSource(context, downstream)
                source = driver
                built = driver.checkpointed.map { [$0] } ?? []
            } else if let makeOperator = node.makeOperator {
                let made = try makeOperator(context, downstream)
                inputBoxes[nodeID] = made.inputs
                lifecycles.insert(contentsOf: made.lifecycle, at: 0)
                built = made.lifecycle
            }
            let parts = built.compactMap { $0 as? any CheckpointedOperator }.map { (operatorID: operatorID, operator: $0) }
            checkpointed.insert(contentsOf: parts, at: 0)
        }

        var gates: [InputProcessor] = []
        let head = byID[headID]!
        if head.makeSource == nil {
            let edges = plan.edges[headID]!
            for inputIndex in Set(edges.map(\.inputIndex)).sorted() {
                var gateChannels: [LocalChannel] = []
                var codec: ExchangeCodec?
                for (edgeIndex, edge) in edges.enumerated() where edge.inputIndex == inputIndex {
                    codec = edge.sideOutputCodec ?? byID[edge.source]!.codec
                    for producer in channels[headID]![edgeIndex].keys.sorted() {
                        if let channel = channels[headID]![edgeIndex][producer]![subtask] { gateChannels.append(channel) }
                    }
                }
                guard let codec, let target = inputBoxes[headID]?[inputIndex] else {
                    throw JobGraphError("input \(inputIndex) of '\(head.name)' has no codec or no operator input")
                }
                gates.append(codec.makeGate("\(head.name)/input-\(inputIndex)", gateChannels, target))
            }
        }
        if let restore = configuration.restore?.restore(operatorID: operatorID(of: head), subtask: subtask, parallelism: p) {
            try replayChannelState(restore, into: gates, task: task.name)
        }
        task.configure(
            source: source, inputs: gates, outputs: writers, operators: lifecycles, periodic: periodic,
            checkpointing: checkpoints?.taskCheckpointing(
                task: task, subtask: subtask, parts: checkpointed, headOperatorID: operatorID(of: head)),
            alignmentTimeoutNanoseconds: configuration.checkpointing?.alignmentTimeoutMillis.map { UInt64($0) * 1_000_000 })
        cleanup.append(contentsOf: jobCleanup)
    }

    /// The output a node sends into: its chained successors and the writers of its outgoing
    /// exchanges, with side outputs routed to the edges that consume them. nil for a sink.
    private static func downstreamBox(
        of node: LogicalNode, subtask: Int, plan: ChainPlan, byID: [Int: LogicalNode],
        channels: [Int: [[Int: [Int: LocalChannel]]]], inputBoxes: [Int: [AnyObject]],
        configuration: JobConfiguration, writers: inout [TaskOutput]
    ) throws -> AnyObject? {
        guard let codec = node.codec else { return nil }
        var mainTargets: [AnyObject] = []
        var sideTargets: [String: [(Any, Int64?) throws -> Void]] = [:]
        // Watermarks, stream status and latency markers go to side-output edges too (as in Flink):
        // without them an event-time operator fed by a side output would never fire.
        var sideEvents: [OutputEvents] = []
        for (target, edge) in plan.outgoing[node.id] ?? [] {
            let edgeCodec = edge.sideOutputCodec ?? codec
            let box: AnyObject
            if plan.isChained(edge, into: target) {
                guard let inputs = inputBoxes[target], edge.inputIndex < inputs.count else {
                    throw JobGraphError("chained operator '\(byID[target]!.name)' was not built before '\(node.name)'")
                }
                box = inputs[edge.inputIndex]
            } else {
                let edgeIndex = plan.edges[target]!.firstIndex {
                    $0.source == edge.source && $0.inputIndex == edge.inputIndex && $0.sideOutputTag == edge.sideOutputTag
                }!
                let perConsumer = channels[target]![edgeIndex][subtask] ?? [:]
                let ordered = perConsumer.keys.sorted().map { perConsumer[$0]! }
                let selector = edge.makeSelector?(plan.parallelism[target]!, configuration.maxParallelism)
                let made = edgeCodec.makeWriter(
                    ordered, edge.partitioning, selector, UInt64(subtask &* 7919 &+ target), configuration.bufferTimeoutMillis)
                writers.append(made.writer)
                box = made.box
            }
            if let tag = edge.sideOutputTag {
                sideTargets[tag, default: []].append(edgeCodec.acceptingAny(box))
                sideEvents.append(OutputEvents.of(box, "side output '\(tag)' of '\(node.name)'"))
            } else {
                mainTargets.append(box)
            }
        }
        let main = mainTargets.isEmpty ? codec.discard() : codec.fanOut(mainTargets)
        guard !sideTargets.isEmpty else { return main }
        let mainAndSideEvents = OutputEvents.adding(sideEvents, to: main, "output of '\(node.name)'")
        return codec.routingSideOutputs(mainAndSideEvents) { tag, value, timestamp in
            for accept in sideTargets[tag] ?? [] { try accept(value, timestamp) }
        }
    }
}
