/// An aggregating state as backends hand it out (see ``ValueStateHandle`` for why closures).
///
/// Thread-safety: confined to the task thread.
public final class AggregatingStateHandle<Namespace, Input, Output>: InternalAggregatingState {
    public let name: String
    @usableFromInline let read: () throws -> Output?
    @usableFromInline let accumulate: (Input) throws -> Void
    @usableFromInline let remove: () throws -> Void
    @usableFromInline let scope: (Namespace) -> Void

    @inlinable
    public init<S: InternalAggregatingState>(_ state: S)
    where S.Namespace == Namespace, S.Input == Input, S.Output == Output {
        name = state.name
        read = { try state.get() }
        accumulate = { try state.add($0) }
        remove = { try state.clear() }
        scope = { state.setCurrentNamespace($0) }
    }

    @inlinable public func get() throws -> Output? { try read() }
    @inlinable public func add(_ value: Input) throws { try accumulate(value) }
    @inlinable public func clear() throws { try remove() }
    @inlinable public func setCurrentNamespace(_ namespace: Namespace) { scope(namespace) }
}
