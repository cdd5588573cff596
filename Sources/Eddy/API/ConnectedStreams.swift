import EddyCore
import EddyRuntime

/// Two streams of possibly different types connected into one two-input operator (Flink's
/// `ConnectedStreams<IN1, IN2>`), for functions that see both, such as a shared rule set or a join.
/// Each input keeps its partitioning (by default forward, or rebalance when parallelism differs).
public struct ConnectedStreams<First: StreamSerializable, Second: StreamSerializable> {
    public let first: DataStream<First>
    public let second: DataStream<Second>

    /// Processes both inputs with `function`, shared by all subtasks (see ``CoProcessFunction``).
    public func process<F: CoProcessFunction>(_ function: F) -> DataStream<F.Output>
    where F.Input1 == First, F.Input2 == Second, F.Output: StreamSerializable {
        process(perSubtask: { _ in function })
    }

    /// Processes both inputs with one function per subtask, made by `makeFunction(subtaskIndex)`
    /// on the job's deploying thread and then used by that subtask's task thread only.
    public func process<F: CoProcessFunction>(
        perSubtask makeFunction: @escaping (Int) throws -> F
    ) -> DataStream<F.Output> where F.Input1 == First, F.Input2 == Second, F.Output: StreamSerializable {
        first.environment.addTwoInputOperator(
            "coProcess", first: first.edge(inputIndex: 0), second: second.edge(inputIndex: 1)
        ) { (context, output: Output<F.Output>) in
            let function = try makeFunction(context.subtaskIndex)
            let progress = TwoInputProgress(downstream: output)
            let processContext = CoProcessContext(
                output: output, metrics: context.metrics, progress: progress, subtaskIndex: context.subtaskIndex,
                parallelism: context.parallelism)
            let metrics = context.metrics
            let operatorName = context.operatorName
            let input1: Output<First> = progress.input(0) { value, timestamp in
                metrics.recordsIn.increment()
                processContext.timestamp = timestamp
                try callingUserFunction(operatorName, value, timestamp) {
                    try function.processElement1(value, context: processContext)
                }
            }
            let input2: Output<Second> = progress.input(1) { value, timestamp in
                metrics.recordsIn.increment()
                processContext.timestamp = timestamp
                try callingUserFunction(operatorName, value, timestamp) {
                    try function.processElement2(value, context: processContext)
                }
            }
            return (input1, input2, [])
        }
    }

    /// Maps each element of either input to `R`: `first` for the first input, `second` for the
    /// second (Flink's `CoMapFunction`). Timestamps pass through.
    public func map<R: StreamSerializable>(
        _ name: String = "coMap", first: @escaping (First) throws -> R, second: @escaping (Second) throws -> R
    ) -> DataStream<R> {
        process(CoMapFunction(first: first, second: second)).name(name)
    }
}

extension DataStream {
    /// Connects this stream (the first input) with `other` (the second) for a two-input function.
    public func connect<Other: StreamSerializable>(_ other: DataStream<Other>) -> ConnectedStreams<Element, Other> {
        ConnectedStreams(first: self, second: other)
    }
}
