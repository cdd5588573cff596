/// A reducing state as backends hand it out (see ``ValueStateHandle`` for why closures).
///
/// Thread-safety: confined to the task thread.
public final class ReducingStateHandle<Namespace, Value>: InternalReducingState {
    public let name: String
    @usableFromInline let read: () throws -> Value?
    @usableFromInline let fold: (Value) throws -> Void
    @usableFromInline let remove: () throws -> Void
    @usableFromInline let scope: (Namespace) -> Void

    @inlinable
    public init<S: InternalReducingState>(_ state: S) where S.Namespace == Namespace, S.Value == Value {
        name = state.name
        read = { try state.get() }
        fold = { try state.add($0) }
        remove = { try state.clear() }
        scope = { state.setCurrentNamespace($0) }
    }

    @inlinable public func get() throws -> Value? { try read() }
    @inlinable public func add(_ value: Value) throws { try fold(value) }
    @inlinable public func clear() throws { try remove() }
    @inlinable public func setCurrentNamespace(_ namespace: Namespace) { scope(namespace) }
}
