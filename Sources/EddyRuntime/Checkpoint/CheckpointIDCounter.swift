import Synchronization

/// Hands out a job's checkpoint ids, increasing from the restored checkpoint's + 1. Shared by the
/// coordinator and the end-of-input snapshot, so the final checkpoint never reuses a periodic
/// checkpoint's id (and directory).
///
/// Thread-safety: an atomic.
public final class CheckpointIDCounter: Sendable {
    private let last: Atomic<Int64>

    /// - Parameter restored: the id the job resumed from; 0 for a fresh start.
    public init(after restored: Int64 = 0) { last = Atomic(restored) }

    /// The next id (each is handed out once).
    public func next() -> Int64 { last.add(1, ordering: .sequentiallyConsistent).newValue }

    /// The id that `next()` will return.
    public var peek: Int64 { last.load(ordering: .sequentiallyConsistent) + 1 }
}
