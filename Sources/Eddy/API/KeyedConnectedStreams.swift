import EddyCore
import EddyRuntime
import EddyState

/// Two keyed streams with the same key type connected into one keyed two-input operator (Flink's
/// `ConnectedStreams` of two `KeyedStream`s): both inputs are partitioned by key group with their
/// own key selector, so elements of one key meet in one subtask, which holds the key's state.
public struct KeyedConnectedStreams<First: StreamSerializable, Second: StreamSerializable, Key: StreamSerializable & Hashable> {
    public let first: KeyedStream<First, Key>
    public let second: KeyedStream<Second, Key>

    /// Processes both inputs with `function`, shared by all subtasks (see ``KeyedCoProcessFunction``).
    public func process<F: KeyedCoProcessFunction>(_ function: F) -> DataStream<F.Output>
    where F.Key == Key, F.Input1 == First, F.Input2 == Second, F.Output: StreamSerializable {
        process(perSubtask: { _ in function })
    }

    /// Processes both inputs with one function per subtask, made by `makeFunction(subtaskIndex)`;
    /// each subtask gets a keyed state backend of the environment's kind for its key groups.
    public func process<F: KeyedCoProcessFunction>(
        perSubtask makeFunction: @escaping (Int) throws -> F
    ) -> DataStream<F.Output> where F.Key == Key, F.Input1 == First, F.Input2 == Second, F.Output: StreamSerializable {
        let environment = first.stream.environment
        let makeBackend = environment.keyedBackendFactory(for: Key.self)
        let key1 = first.key, key2 = second.key
        return environment.addTwoInputOperator(
            "keyedCoProcess",
            first: first.stream.edge(.keyGroups, explicit: true, inputIndex: 0, selector: first.selector),
            second: second.stream.edge(.keyGroups, explicit: true, inputIndex: 1, selector: second.selector)
        ) { (context, output: Output<F.Output>) in
            let function = try makeFunction(context.subtaskIndex)
            let checkpointing = try makeBackend(context)
            let backend = checkpointing.backend
            let progress = TwoInputProgress(downstream: output)
            let processContext = KeyedCoProcessContext(
                backend: backend, output: output, metrics: context.metrics, progress: progress,
                subtaskIndex: context.subtaskIndex, parallelism: context.parallelism)
            let metrics = context.metrics
            let operatorName = context.operatorName
            let input1: Output<First> = progress.input(0) { value, timestamp in
                metrics.recordsIn.increment()
                processContext.timestamp = timestamp
                processContext.setCurrentKey(key1(value))
                try callingUserFunction(operatorName, value, timestamp) {
                    try function.processElement1(value, context: processContext)
                }
            }
            let input2: Output<Second> = progress.input(1) { value, timestamp in
                metrics.recordsIn.increment()
                processContext.timestamp = timestamp
                processContext.setCurrentKey(key2(value))
                try callingUserFunction(operatorName, value, timestamp) {
                    try function.processElement2(value, context: processContext)
                }
            }
            let lifecycle = FunctionLifecycle(name: operatorName) { try function.open(context: processContext) }
            return (input1, input2, [lifecycle, checkpointing])
        }
    }
}

extension KeyedStream {
    /// Connects this keyed stream (the first input) with `other` (the second), keyed the same way.
    public func connect<Other: StreamSerializable>(_ other: KeyedStream<Other, Key>) -> KeyedConnectedStreams<Element, Other, Key> {
        KeyedConnectedStreams(first: self, second: other)
    }
}
