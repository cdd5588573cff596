import EddyState
import Synchronization

/// What the incremental ("filesystem") mode knows is in checkpoint storage: per key group, the file
/// chain (base + deltas) of the last completed checkpoint, which the next checkpoint extends with a
/// delta, replaces with a new base (compaction), or references unchanged.
///
/// Thread-safety: the tracker is confined to the task thread, except ``written``, which the
/// asynchronous parts fill from their own threads (one mutex).
final class IncrementalSnapshotTracker {
    /// A chain with this many deltas gets a new base instead of another delta, bounding restore
    /// work and the files a group pins.
    static let maxDeltas = 8

    /// Chains of the last completed checkpoint (or of the restored one), by key-group index; nil for
    /// groups without one (empty, or never written by a completed checkpoint).
    var committed: [FileChain?]
    /// The checkpoint ``committed`` comes from; changes recorded after it go into deltas.
    private(set) var committedCheckpointID: Int64 = -1
    let written = WrittenChains()

    init(keyGroupCount: Int) {
        committed = Array(repeating: nil, count: keyGroupCount)
    }

    /// Whether a changed group gets a new base rather than a delta: the chain is long, its deltas
    /// add up to more than half the base, or about half the group's entries changed (the delta
    /// would be nearly as big as a base, and the chain would grow for nothing).
    static func compacts(_ chain: FileChain, changed: Int, entries: Int) -> Bool {
        chain.deltaCount >= maxDeltas || chain.deltaBytes * 2 > chain.baseBytes || changed * 2 > entries
    }

    /// Makes checkpoint `checkpointID`'s chains the committed ones if its asynchronous part finished
    /// and it is newer than the committed one; forgets it and every older pending checkpoint
    /// (subsumed).
    /// - Returns: whether the chains moved, so the caller drops the change segments they hold.
    func complete(checkpointID: Int64) -> Bool {
        defer { written.discard(upTo: checkpointID) }
        guard checkpointID > committedCheckpointID, let chains = written.take(checkpointID: checkpointID) else {
            return false
        }
        committed = chains
        committedCheckpointID = checkpointID
        return true
    }

    /// The chains asynchronous parts produced, by checkpoint.
    ///
    /// Thread-safety: one mutex; `Sendable`.
    final class WrittenChains: Sendable {
        private let chains = Mutex<[Int64: [FileChain?]]>([:])

        func record(checkpointID: Int64, chains written: [FileChain?]) {
            chains.withLock { $0[checkpointID] = written }
        }

        func take(checkpointID: Int64) -> [FileChain?]? {
            chains.withLock { $0.removeValue(forKey: checkpointID) }
        }

        func discard(upTo checkpointID: Int64) {
            chains.withLock { $0 = $0.filter { $0.key > checkpointID } }
        }
    }
}
