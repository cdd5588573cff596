/// How a ``HeapKeyedStateBackend`` writes checkpoints.
public enum SnapshotMode: Sendable, Hashable {
    /// The "heap" backend: every checkpoint writes all key groups into one exclusive file.
    case full
    /// The "filesystem" backend: a checkpoint writes, per key group changed since the last
    /// completed checkpoint, a shared delta file with the changed entries (or a new base file when
    /// the group's chain is due for compaction); unchanged groups reference their earlier files.
    case incremental

    /// The name recorded in ``KeyedStateHandle/backend``.
    public var backendName: String {
        switch self {
        case .full: "heap"
        case .incremental: "filesystem"
        }
    }
}
