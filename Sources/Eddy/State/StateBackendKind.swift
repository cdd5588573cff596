import EddyCore
import EddyState
import EddyStateHeap
import EddyStateRocksDB

/// The keyed state backends a job can choose (`--backend`), and the one place that builds them:
/// runtime and windowing see only the `KeyedStateBackend` protocol.
public enum StateBackendKind: String, Sendable, CaseIterable, Codable {
    /// Objects on the heap; full snapshots (meant with in-memory checkpoint storage: tests, small jobs).
    case heap
    /// Objects on the heap; incremental snapshots of changed key groups to checkpoint storage.
    case filesystem
    /// Serialized state in an embedded RocksDB; incremental snapshots of new SST files.
    case rocksdb

    /// Creates a keyed backend of this kind and hands it, with its concrete type, to `consumer`
    /// (which owns it from then on: dispose it when done).
    public func withKeyedBackend<KS: Serializer, C: KeyedBackendConsumer>(
        _ parameters: KeyedBackendParameters<KS>, restoring handles: [KeyedStateHandle] = [],
        rocksDBOptions: RocksDBBackendOptions = RocksDBBackendOptions(), _ consumer: C
    ) throws -> C.Result where KS.Value: Hashable, C.Key == KS.Value {
        switch self {
        case .heap: try consumer.use(HeapKeyedStateBackend(parameters: parameters, mode: .full, restoring: handles))
        case .filesystem: try consumer.use(HeapKeyedStateBackend(parameters: parameters, mode: .incremental, restoring: handles))
        case .rocksdb: try consumer.use(RocksDBKeyedStateBackend(parameters: parameters, options: rocksDBOptions, restoring: handles))
        }
    }

    /// Creates a keyed backend of this kind, restoring `handles` (from any backend when they are key-group
    /// files, such as canonical savepoints; RocksDB-native handles only into RocksDB).
    public func makeKeyedBackend<KS: Serializer>(
        _ parameters: KeyedBackendParameters<KS>, restoring handles: [KeyedStateHandle] = [],
        rocksDBOptions: RocksDBBackendOptions = RocksDBBackendOptions()
    ) throws -> any KeyedStateBackend<KS.Value> where KS.Value: Hashable {
        switch self {
        case .heap: try HeapKeyedStateBackend(parameters: parameters, mode: .full, restoring: handles)
        case .filesystem: try HeapKeyedStateBackend(parameters: parameters, mode: .incremental, restoring: handles)
        case .rocksdb: try RocksDBKeyedStateBackend(parameters: parameters, options: rocksDBOptions, restoring: handles)
        }
    }
}
