import EddyState
import Synchronization

/// What the incremental ("filesystem") mode knows is already in checkpoint storage: per key group,
/// the file of the last completed checkpoint that wrote it and the group's modification counter at
/// that checkpoint's synchronous part. A group whose counter moved since is dirty.
///
/// Thread-safety: the tracker is confined to the task thread, except ``written``, which the
/// asynchronous parts fill from their own threads (one mutex).
final class IncrementalSnapshotTracker {
    struct Baseline {
        /// The checkpoint that wrote the group; -1 for files found at restore.
        var checkpointID: Int64 = -1
        var modifications: UInt64 = 0
        /// nil when the group was empty (no file needed).
        var file: StateFileHandle?
    }

    var baselines: [Baseline]
    /// Per pending checkpoint: the counters of the groups it writes, taken in the synchronous part.
    private var pending: [Int64: [Int: UInt64]] = [:]
    let written = WrittenFiles()

    init(keyGroupCount: Int) {
        baselines = Array(repeating: Baseline(), count: keyGroupCount)
    }

    /// Records the groups a checkpoint's synchronous part chose, with their counters then.
    func begin(checkpointID: Int64, dirty: [Int: UInt64]) {
        pending[checkpointID] = dirty
    }

    /// Makes checkpoint `checkpointID`'s files the baseline of the groups it wrote, if its
    /// asynchronous part finished; forgets it and every older pending checkpoint (subsumed).
    func complete(checkpointID: Int64) {
        if let dirty = pending[checkpointID], let files = written.take(checkpointID: checkpointID) {
            for (index, modifications) in dirty where baselines[index].checkpointID < checkpointID {
                baselines[index] = Baseline(checkpointID: checkpointID, modifications: modifications, file: files[index])
            }
        }
        pending = pending.filter { $0.key > checkpointID }
        written.discard(upTo: checkpointID)
    }

    /// The files asynchronous parts wrote, by checkpoint and key-group index.
    ///
    /// Thread-safety: one mutex; `Sendable`.
    final class WrittenFiles: Sendable {
        private let files = Mutex<[Int64: [Int: StateFileHandle]]>([:])

        func record(checkpointID: Int64, files written: [Int: StateFileHandle]) {
            files.withLock { $0[checkpointID] = written }
        }

        func take(checkpointID: Int64) -> [Int: StateFileHandle]? {
            files.withLock { $0.removeValue(forKey: checkpointID) }
        }

        func discard(upTo checkpointID: Int64) {
            files.withLock { $0 = $0.filter { $0.key > checkpointID } }
        }
    }
}
