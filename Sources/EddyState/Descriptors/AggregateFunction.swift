/// Incremental aggregation, as Flink's `AggregateFunction`: inputs are added to an accumulator, which
/// yields a result and can be merged with another (for merging windows and slices).
public protocol AggregateFunction<Input, Accumulator, Output>: Sendable {
    associatedtype Input
    associatedtype Accumulator
    associatedtype Output
    func createAccumulator() -> Accumulator
    func add(_ value: Input, to accumulator: Accumulator) -> Accumulator
    func result(of accumulator: Accumulator) -> Output
    func merge(_ a: Accumulator, _ b: Accumulator) -> Accumulator
}
