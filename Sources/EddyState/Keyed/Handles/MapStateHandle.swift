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
    public init<S: InternalMapState>(_ state: S)
    where S.Namespace == Namespace, S.MapKey == MapKey, S.MapValue == MapValue {
        name = state.name
        lookUp = { try state.get($0) }
        store = { try state.put($0, $1) }
        storeAll = { try state.putAll($0) }
        delete = { try state.remove($0) }
        has = { try state.contains($0) }
        all = { try state.entries() }
        empty = { try state.isEmpty() }
        remove = { try state.clear() }
        scope = { state.setCurrentNamespace($0) }
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
