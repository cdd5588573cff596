import EddyState
import Synchronization

/// Which SST files this backend has already put into checkpoint storage, so an incremental
/// checkpoint uploads only new ones (Flink's `uploadedStateIDs`). SST names are never reused by one
/// database, so a name identifies its content.
///
/// Files of the last completed checkpoint and of the most recent one written are offered for reuse
/// (the latter because completion notices may lag; its files are durable once its asynchronous
/// part returned). After a restore from a single native handle into the same database, the
/// handle's files are seeded as completed.
///
/// Thread-safety: one mutex; asynchronous snapshot parts record from their threads.
final class RocksDBUploadTracker: Sendable {
    private struct State {
        var byCheckpoint: [Int64: [String: StateFileHandle]] = [:]
        var lastCompleted: Int64?
        var seed: [String: StateFileHandle]
    }
    private let state: Mutex<State>

    init(seed: [String: StateFileHandle]) { state = Mutex(State(seed: seed)) }

    /// SST name → stored handle, for files a new checkpoint may refer to instead of uploading.
    func reusable() -> [String: StateFileHandle] {
        state.withLock { state in
            var files = state.seed
            if let completed = state.lastCompleted, let done = state.byCheckpoint[completed] {
                files.merge(done) { a, _ in a }
            }
            if let latest = state.byCheckpoint.keys.max(), let recent = state.byCheckpoint[latest] {
                files.merge(recent) { a, _ in a }
            }
            return files
        }
    }

    /// Records the SST files checkpoint `id` refers to.
    func record(_ id: Int64, files: [String: StateFileHandle]) {
        state.withLock { $0.byCheckpoint[id] = files }
    }

    /// Forgets checkpoints older than `id`: their files are either in `id` too, or no longer needed.
    func checkpointCompleted(_ id: Int64) {
        state.withLock { state in
            guard state.byCheckpoint[id] != nil else { return }
            state.lastCompleted = id
            state.byCheckpoint = state.byCheckpoint.filter { $0.key >= id }
            state.seed = [:]
        }
    }
}
