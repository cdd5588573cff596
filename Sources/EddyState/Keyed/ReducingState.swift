/// One value per key and namespace into which added values are reduced.
public protocol ReducingState<Value>: KeyedState {
    associatedtype Value
    /// The reduced value, or nil when nothing was added (or it expired).
    func get() throws -> Value?
    /// Reduces `value` into the stored one.
    func add(_ value: Value) throws
}

public protocol InternalReducingState<Namespace, Value>: ReducingState, NamespacedState {}
