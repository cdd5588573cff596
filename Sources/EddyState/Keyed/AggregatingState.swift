/// An accumulator per key and namespace to which inputs are added; `get()` returns the result.
public protocol AggregatingState<Input, Output>: KeyedState {
    associatedtype Input
    associatedtype Output
    /// The aggregate's result, or nil when nothing was added (or it expired).
    func get() throws -> Output?
    func add(_ value: Input) throws
}

public protocol InternalAggregatingState<Namespace, Input, Output>: AggregatingState, NamespacedState {}
