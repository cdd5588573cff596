import EddyRuntime
import EddyState
import Foundation
import Synchronization

/// The keyed-state snapshots every keyed operator subtask takes when its input ends (Flink's final
/// checkpoint, FLIP-147), collected so the job can write one `_metadata` for them once it finished.
///
/// Thread-safety: `add` from any task thread (a mutex); `write` after the job ended.
public final class FinalCheckpointCollector: Sendable {
    public let checkpointID: Int64
    private let handles = Mutex<[String: KeyedStateHandle]>([:])
    private let rawHandles = Mutex<[String: [RawKeyedStateHandle]]>([:])

    public init(checkpointID: Int64 = 1) { self.checkpointID = checkpointID }

    /// Records the snapshot of `operatorID`'s subtask `subtask`.
    func add(operatorID: String, subtask: Int, handle: KeyedStateHandle) {
        handles.withLock { $0["\(operatorID)/\(subtask)"] = handle }
    }

    /// Records raw keyed state (window tables, sketches) of `operatorID`'s subtask `subtask`.
    func addRaw(operatorID: String, subtask: Int, handles: [RawKeyedStateHandle]) {
        rawHandles.withLock { $0["\(operatorID)/\(subtask)", default: []] += handles }
    }

    /// Every recorded raw keyed state, by `operator/subtask`.
    public var rawSnapshots: [String: [RawKeyedStateHandle]] { rawHandles.withLock { $0 } }

    /// Every recorded snapshot, by `operator/subtask`.
    public var snapshots: [String: KeyedStateHandle] { handles.withLock { $0 } }

    /// Writes `chk-<id>/_metadata` (JSON, fsync'ed and atomically renamed by the storage) listing
    /// every subtask's snapshot; a checkpoint is complete once this file exists.
    /// - Returns: the metadata file's handle (its checksum verifies it on restore).
    @discardableResult
    public func writeMetadata(jobID: String, to storage: any CheckpointStorage) throws -> StateFileHandle {
        let metadata = CheckpointMetadata(
            jobID: jobID, checkpointID: checkpointID, kind: "final",
            createdAtMillis: Int64(Date().timeIntervalSince1970 * 1000), keyedState: snapshots,
            rawKeyedState: rawSnapshots.isEmpty ? nil : rawSnapshots)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes = try [UInt8](encoder.encode(metadata))
        let location = CheckpointStorageLocation(storage: storage, checkpointID: checkpointID)
        return try storage.write(bytes, to: location.exclusiveDirectory + "/_metadata")
    }
}

/// The `_metadata` of a checkpoint: which snapshot files hold each operator subtask's state.
public struct CheckpointMetadata: Codable, Sendable {
    public var jobID: String
    public var checkpointID: Int64
    /// `final` (taken when the input ended) or `periodic`.
    public var kind: String
    public var createdAtMillis: Int64
    /// Keyed state by `operatorID/subtask`.
    public var keyedState: [String: KeyedStateHandle]
    /// Raw keyed state (window tables, sketches) by `operatorID/subtask`; absent when none.
    public var rawKeyedState: [String: [RawKeyedStateHandle]]?
}
