/// A map per key and namespace. With a TTL, each entry expires on its own.
public protocol MapState<MapKey, MapValue>: KeyedState {
    associatedtype MapKey: Hashable
    associatedtype MapValue
    func get(_ key: MapKey) throws -> MapValue?
    func put(_ key: MapKey, _ value: MapValue) throws
    func putAll(_ entries: [MapKey: MapValue]) throws
    func remove(_ key: MapKey) throws
    func contains(_ key: MapKey) throws -> Bool
    /// All live entries. Order: heap unspecified; RocksDB by serialized user key.
    func entries() throws -> [(key: MapKey, value: MapValue)]
    func isEmpty() throws -> Bool
}

public protocol InternalMapState<Namespace, MapKey, MapValue>: MapState, NamespacedState {}
