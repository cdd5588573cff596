import EddyCore
import EddyRuntime
import EddyState

/// A stream connected with a ``BroadcastStream`` (Flink's `BroadcastConnectedStream`): each
/// subtask of the operator sees its share of the input and all of the broadcast stream, and keeps
/// the broadcast states in an ``OperatorStateBackend`` of its own, checkpointed and restored (one
/// old subtask's copy for every new subtask).
public struct BroadcastConnectedStream<Input: StreamSerializable, Broadcast: StreamSerializable> {
    public let input: DataStream<Input>
    let broadcast: BroadcastStream<Broadcast>

    /// Processes both inputs with `function`, shared by all subtasks (see ``BroadcastProcessFunction``).
    public func process<F: BroadcastProcessFunction>(_ function: F) -> DataStream<F.Output>
    where F.Input == Input, F.Broadcast == Broadcast, F.Output: StreamSerializable {
        process(perSubtask: { _ in function })
    }

    /// Processes both inputs with one function per subtask, made by `makeFunction(subtaskIndex)`.
    public func process<F: BroadcastProcessFunction>(
        perSubtask makeFunction: @escaping (Int) throws -> F
    ) -> DataStream<F.Output> where F.Input == Input, F.Broadcast == Broadcast, F.Output: StreamSerializable {
        let declarations = broadcast.declarations
        return input.environment.addTwoInputOperator(
            "broadcastProcess", first: input.edge(inputIndex: 0),
            second: broadcast.stream.edge(.broadcast, explicit: true, inputIndex: 1)
        ) { (context, output: Output<F.Output>) in
            let function = try makeFunction(context.subtaskIndex)
            let checkpointing = try OperatorStateCheckpointing(
                name: "\(context.operatorName)/broadcast-state", restore: context.restore, subtaskIndex: context.subtaskIndex,
                parallelism: context.parallelism)
            let states = BroadcastStates(backend: checkpointing.backend, declared: declarations)
            let progress = TwoInputProgress(downstream: output)
            let readOnly = ReadOnlyBroadcastContext(
                states: states, output: output, metrics: context.metrics, progress: progress,
                subtaskIndex: context.subtaskIndex, parallelism: context.parallelism)
            let readWrite = BroadcastContext(
                states: states, output: output, metrics: context.metrics, progress: progress,
                subtaskIndex: context.subtaskIndex, parallelism: context.parallelism)
            let metrics = context.metrics
            let operatorName = context.operatorName
            let elements: Output<Input> = progress.input(0) { value, timestamp in
                metrics.recordsIn.increment()
                readOnly.timestamp = timestamp
                try callingUserFunction(operatorName, value, timestamp) {
                    try function.processElement(value, context: readOnly)
                }
            }
            let broadcastElements: Output<Broadcast> = progress.input(1) { value, timestamp in
                metrics.recordsIn.increment()
                readWrite.timestamp = timestamp
                try callingUserFunction(operatorName, value, timestamp) {
                    try function.processBroadcastElement(value, context: readWrite)
                }
            }
            let lifecycle = FunctionLifecycle(name: operatorName) { try states.registerDeclared() }
            return (elements, broadcastElements, [lifecycle, checkpointing])
        }
    }
}
