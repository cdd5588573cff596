/// A value state as backends hand it out: closures over the backend's concrete state, made where
/// the state's types are known. Callers get one concrete class whatever the backend, and the calls
/// behind it run the backend's specialized code: an `any InternalValueState` would instead run its
/// generic code unspecialized, which measured ten times slower (docs/decisions.md).
///
/// Thread-safety: as the backend's state, confined to the task thread.
public final class ValueStateHandle<Namespace, Value>: InternalValueState {
    public let name: String
    @usableFromInline let read: () throws -> Value?
    @usableFromInline let write: (Value?) throws -> Void
    @usableFromInline let remove: () throws -> Void
    @usableFromInline let scope: (Namespace) -> Void

    /// Wraps `state`. Call where `S` is concrete, so the closures are specialized.
    @inlinable
    public init<S: InternalValueState>(_ state: S) where S.Namespace == Namespace, S.Value == Value {
        name = state.name
        read = { try state.value() }
        write = { try state.update($0) }
        remove = { try state.clear() }
        scope = { state.setCurrentNamespace($0) }
    }

    @inlinable public func value() throws -> Value? { try read() }
    @inlinable public func update(_ value: Value?) throws { try write(value) }
    @inlinable public func clear() throws { try remove() }
    @inlinable public func setCurrentNamespace(_ namespace: Namespace) { scope(namespace) }
}
