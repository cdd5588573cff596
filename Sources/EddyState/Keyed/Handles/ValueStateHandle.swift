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

    /// Wraps `state`. Call where `S` is concrete, so the closures are specialized. The calls still
    /// go through `S`'s conformance, which another module cannot see into when it is internal to
    /// the backend: backends with internal state classes use ``init(name:read:write:remove:scope:)``.
    @inlinable
    public convenience init<S: InternalValueState>(_ state: S) where S.Namespace == Namespace, S.Value == Value {
        self.init(
            name: state.name, read: { try state.value() }, write: { try state.update($0) },
            remove: { try state.clear() }, scope: { state.setCurrentNamespace($0) })
    }

    /// A handle from closures that call the backend's state directly (not through a protocol
    /// conformance), so they inline and specialize wherever the backend's inlinable registration
    /// is specialized.
    @inlinable
    public init(
        name: String, read: @escaping () throws -> Value?, write: @escaping (Value?) throws -> Void,
        remove: @escaping () throws -> Void, scope: @escaping (Namespace) -> Void
    ) {
        self.name = name
        self.read = read
        self.write = write
        self.remove = remove
        self.scope = scope
    }

    @inlinable public func value() throws -> Value? { try read() }
    @inlinable public func update(_ value: Value?) throws { try write(value) }
    @inlinable public func clear() throws { try remove() }
    @inlinable public func setCurrentNamespace(_ namespace: Namespace) { scope(namespace) }
}
