import EddyRuntime
import EddyState
import Foundation
import Synchronization

/// The keyed-state snapshots every keyed operator subtask takes when its input ends (Flink's final
/// checkpoint, FLIP-147), collected so the job can write one `_metadata` for them once it finished.
///
/// Its id is the job's next checkpoint id when the first subtask takes its snapshot, so it comes
/// after every periodic checkpoint of the job (1 when there were none).
///
/// Thread-safety: `add` from any task thread (a mutex); `write` after the job ended.
public final class FinalCheckpointCollector: Sendable {
    private let ids: CheckpointIDCounter
    private let reserved = Mutex<Int64?>(nil)
    private let handles = Mutex<[String: KeyedStateHandle]>([:])

    public init(ids: CheckpointIDCounter = CheckpointIDCounter()) { self.ids = ids }

    /// The final checkpoint's id, taken from the job's ids on first use.
    public var checkpointID: Int64 {
        reserved.withLock { id in
            if let id { return id }
            let next = ids.next()
            id = next
            return next
        }
    }

    /// Records the snapshot of `operatorID`'s subtask `subtask`.
    func add(operatorID: String, subtask: Int, handle: KeyedStateHandle) {
        handles.withLock { $0["\(operatorID)/\(subtask)"] = handle }
    }

    /// Every recorded snapshot, by `operator/subtask`.
    public var snapshots: [String: KeyedStateHandle] { handles.withLock { $0 } }

    /// The final checkpoint: every recorded snapshot, as keyed state of its operator subtask.
    public func checkpoint(jobID: String, maxParallelism: Int) -> CompletedCheckpoint {
        var operators: [String: CompletedCheckpoint.OperatorState] = [:]
        for (key, handle) in snapshots {
            guard let slash = key.lastIndex(of: "/"), let subtask = Int(key[key.index(after: slash)...]) else { continue }
            let operatorID = String(key[..<slash])
            operators[operatorID, default: .init(parallelism: 0, subtasks: [:])].subtasks[subtask] =
                OperatorSubtaskState(keyedState: [handle])
        }
        for id in operators.keys { operators[id]!.parallelism = (operators[id]!.subtasks.keys.max() ?? 0) + 1 }
        return CompletedCheckpoint(
            jobID: jobID, checkpointID: checkpointID, kind: "final",
            timestampMillis: Int64(Date().timeIntervalSince1970 * 1000), maxParallelism: maxParallelism, operators: operators)
    }

    /// Writes `chk-<id>/_metadata` (``CheckpointMetadataFile``: fsync'ed, renamed, checksummed);
    /// the checkpoint is complete once this file exists. With a store, the store writes it and
    /// retains it (older checkpoints are released).
    /// - Returns: the metadata file's path, relative to the job's checkpoint directory.
    @discardableResult
    public func complete(
        jobID: String, maxParallelism: Int, storage: any CheckpointStorage, store: CompletedCheckpointStore? = nil
    ) throws -> String {
        let final = checkpoint(jobID: jobID, maxParallelism: maxParallelism)
        if let store { return try store.add(final) }
        let location = CheckpointStorageLocation(storage: storage, checkpointID: checkpointID)
        return try storage.write(
            CheckpointMetadataFile.encode(final), to: location.exclusiveDirectory + "/" + CheckpointMetadataFile.fileName
        ).path
    }
}
