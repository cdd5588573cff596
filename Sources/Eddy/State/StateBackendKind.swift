import EddyCore
import EddyState
import EddyStateHeap

/// The keyed state backends a job can choose (`--backend`), and the one place that builds them:
/// runtime and windowing see only the `KeyedStateBackend` protocol.
public enum StateBackendKind: String, Sendable, CaseIterable, Codable {
    /// Objects on the heap; full snapshots (meant with in-memory checkpoint storage: tests, small jobs).
    case heap
    /// Objects on the heap; incremental snapshots of changed key groups to checkpoint storage.
    case filesystem

    /// Creates a keyed backend of this kind, restoring `handles` (from any backend when they are key-group
    /// files, such as canonical savepoints; RocksDB-native handles only into RocksDB).
    public func makeKeyedBackend<KS: Serializer>(
        _ parameters: KeyedBackendParameters<KS>, restoring handles: [KeyedStateHandle] = []
    ) throws -> any KeyedStateBackend<KS.Value> where KS.Value: Hashable {
        switch self {
        case .heap: try HeapKeyedStateBackend(parameters: parameters, mode: .full, restoring: handles)
        case .filesystem: try HeapKeyedStateBackend(parameters: parameters, mode: .incremental, restoring: handles)
        }
    }
}
