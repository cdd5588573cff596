/// Code that uses a keyed backend and wants it as its concrete type: `use` is generic over the
/// backend, so the composition root can pick the backend at run time (heap, RocksDB) while state
/// accesses inside `use` still compile to the backend's specialized code. Through
/// `any KeyedStateBackend` the same accesses run unspecialized generic code, many times slower.
public protocol KeyedBackendConsumer<Key> {
    associatedtype Key
    associatedtype Result
    func use<Backend: KeyedStateBackend>(_ backend: Backend) throws -> Result where Backend.Key == Key
}
