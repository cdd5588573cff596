/// How a ``HeapKeyedStateBackend`` writes checkpoints.
public enum SnapshotMode: Sendable, Hashable {
    /// The "heap" backend: every checkpoint writes all key groups into one exclusive file.
    case full
    /// The "filesystem" backend: a checkpoint writes only the key groups changed since the last
    /// completed checkpoint, one shared file per group; unchanged groups are referenced from the
    /// files of earlier checkpoints.
    case incremental

    /// The name recorded in ``KeyedStateHandle/backend``.
    public var backendName: String {
        switch self {
        case .full: "heap"
        case .incremental: "filesystem"
        }
    }
}
