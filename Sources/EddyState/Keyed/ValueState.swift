/// One value per key and namespace.
public protocol ValueState<Value>: KeyedState {
    associatedtype Value
    /// The value, or the descriptor's default when there is none (or it expired).
    /// - Complexity: heap O(1); RocksDB one point lookup.
    func value() throws -> Value?
    /// Sets the value; `nil` clears it.
    func update(_ value: Value?) throws
}

/// A ``ValueState`` with its namespace type exposed, for operators.
public protocol InternalValueState<Namespace, Value>: ValueState, NamespacedState {}
