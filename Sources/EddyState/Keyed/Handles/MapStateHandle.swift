/// A map state as backends hand it out (see ``ValueStateHandle`` for why closures).
///
/// Thread-safety: confined to the task thread.
public final class MapStateHandle<Namespace, MapKey: Hashable, MapValue>: InternalMapState {
    public let name: String
    @usableFromInline let lookUp: (MapKey) throws -> MapValue?
    @usableFromInline let store: (MapKey, MapValue) throws -> Void
    @usableFromInline let storeAll: ([MapKey: MapValue]) throws -> Void
    @usableFromInline let delete: (MapKey) throws -> Void
    @usableFromInline let has: (MapKey) throws -> Bool
    @usableFromInline let all: () throws -> [(key: MapKey, value: MapValue)]
    @usableFromInline let empty: () throws -> Bool
    @usableFromInline let remove: () throws -> Void
    @usableFromInline let scope: (Namespace) -> Void

    @inlinable
    public convenience init<S: InternalMapState>(_ state: S)
    where S.Namespace == Namespace, S.MapKey == MapKey, S.MapValue == MapValue {
        self.init(
            name: state.name, get: { try state.get($0) }, put: { try state.put($0, $1) }, putAll: { try state.putAll($0) },
            remove: { try state.remove($0) }, contains: { try state.contains($0) }, entries: { try state.entries() },
            isEmpty: { try state.isEmpty() }, clear: { try state.clear() }, scope: { state.setCurrentNamespace($0) })
    }

    /// A handle from closures a backend builds where its state's concrete type is known, so the
    /// calls inside are direct (the generic init calls through the protocol conformance, which other
    /// modules cannot see through when the state type is internal).
    @inlinable
    public init(
        name: String, get: @escaping (MapKey) throws -> MapValue?, put: @escaping (MapKey, MapValue) throws -> Void,
        putAll: @escaping ([MapKey: MapValue]) throws -> Void, remove: @escaping (MapKey) throws -> Void,
        contains: @escaping (MapKey) throws -> Bool, entries: @escaping () throws -> [(key: MapKey, value: MapValue)],
        isEmpty: @escaping () throws -> Bool, clear: @escaping () throws -> Void, scope: @escaping (Namespace) -> Void
    ) {
        self.name = name
        lookUp = get
        store = put
        storeAll = putAll
        delete = remove
        has = contains
        all = entries
        empty = isEmpty
        self.remove = clear
        self.scope = scope
    }

    @inlinable public func get(_ key: MapKey) throws -> MapValue? { try lookUp(key) }
    @inlinable public func put(_ key: MapKey, _ value: MapValue) throws { try store(key, value) }
    @inlinable public func putAll(_ entries: [MapKey: MapValue]) throws { try storeAll(entries) }
    @inlinable public func remove(_ key: MapKey) throws { try delete(key) }
    @inlinable public func contains(_ key: MapKey) throws -> Bool { try has(key) }
    @inlinable public func entries() throws -> [(key: MapKey, value: MapValue)] { try all() }
    @inlinable public func isEmpty() throws -> Bool { try empty() }
    @inlinable public func clear() throws { try remove() }
    @inlinable public func setCurrentNamespace(_ namespace: Namespace) { scope(namespace) }
}
