import EddyCore
import EddyState
import EddyStateHeap
import EddyStateRocksDB

/// Hands a backend made by ``StreamExecutionEnvironment/keyedBackendFactory(for:)`` to `consumer`
/// with its concrete type, so state registered inside `use` gets handles specialized for it (see
/// ``KeyedBackendConsumer``); a backend of another type goes as the opened existential.
func withConcreteBackend<Key: StreamSerializable & Hashable, C: KeyedBackendConsumer>(
    _ backend: any KeyedStateBackend<Key>, _ consumer: C
) throws -> C.Result where C.Key == Key {
    if let heap = backend as? HeapKeyedStateBackend<Key.StreamSerializer> { return try consumer.use(heap) }
    if let rocksDB = backend as? RocksDBKeyedStateBackend<Key.StreamSerializer> { return try consumer.use(rocksDB) }
    return try consumer.use(backend)
}
