import EddyMemory
import EddyState
import Foundation
import Logging
import Synchronization

/// The durable end of the checkpoint coordinator: writes each acknowledged checkpoint's `_metadata`
/// (the checkpoint exists from then on), keeps the newest `retainedCheckpoints`, and releases what
/// older ones alone referred to: their `chk-<n>/` directory and the shared files no retained
/// checkpoint needs (``SharedStateRegistry``). Savepoints are written like checkpoints, then their
/// `chk-<n>` directory moves to `<savepoints>/savepoint-<job>-<n>/` (same relative paths), where
/// the job never deletes them: they belong to the user.
///
/// Thread-safety: all methods from any thread (one mutex over the retained list).
public final class CompletedCheckpointStore: CheckpointCompletionSink {
    public let jobID: String
    public let storage: any CheckpointStorage
    public let retainedCheckpoints: Int
    /// Where completed savepoints move (`<dir>/savepoint-<job>-<n>/`); nil leaves them in place.
    public let savepointDirectory: String?
    private let retained: Mutex<[CompletedCheckpoint]>
    private let savepoints = Mutex<[Int64: String]>([:])
    private let logger: Logger

    /// - Parameters:
    ///   - restored: checkpoints found on disk at start (oldest first, already verified); their shared
    ///     files are registered so later discards count them.
    ///   - savepointDirectory: where completed savepoints move, when `storage` is a local directory.
    public init(
        jobID: String, storage: any CheckpointStorage, retainedCheckpoints: Int = 1, restored: [CompletedCheckpoint] = [],
        savepointDirectory: String? = nil,
        logger: Logger = Logger(label: "eddy.checkpoint")
    ) {
        precondition(retainedCheckpoints >= 1, "a job retains at least one checkpoint")
        self.jobID = jobID
        self.storage = storage
        self.retainedCheckpoints = retainedCheckpoints
        self.savepointDirectory = savepointDirectory
        self.logger = logger
        for checkpoint in restored {
            storage.sharedRegistry.register(snapshotID: Self.snapshotID(checkpoint.checkpointID), files: checkpoint.allFiles)
        }
        retained = Mutex(restored)
        trimRetained()
    }

    /// The newest completed checkpoint (not savepoint).
    public var latest: CompletedCheckpoint? { retained.withLock { $0.last } }
    /// The retained checkpoints, oldest first.
    public var checkpoints: [CompletedCheckpoint] { retained.withLock { $0 } }
    /// Where each completed savepoint is: its directory (to restore from), by checkpoint ID.
    public func savepointPath(_ checkpointID: Int64) -> String? { savepoints.withLock { $0[checkpointID] } }

    public func complete(_ acknowledged: AcknowledgedCheckpoint) throws {
        try add(CompletedCheckpoint(jobID: jobID, acknowledged: acknowledged), isSavepoint: acknowledged.options.isSavepoint)
    }

    /// Makes `checkpoint` durable and retains it (a savepoint moves out instead).
    /// - Returns: the path of its `_metadata` (of its directory for a savepoint).
    @discardableResult
    public func add(_ checkpoint: CompletedCheckpoint, isSavepoint: Bool = false) throws -> String {
        let location = CheckpointStorageLocation(storage: storage, checkpointID: checkpoint.checkpointID)
        let metadata = try storage.write(
            try CheckpointMetadataFile.encode(checkpoint), to: location.exclusiveDirectory + "/" + CheckpointMetadataFile.fileName)
        if isSavepoint {
            let path = try moveSavepoint(checkpoint, from: location)
            savepoints.withLock { $0[checkpoint.checkpointID] = path }
            logger.info("savepoint \(checkpoint.checkpointID) of job \(jobID) completed: \(path)")
            return path
        }
        storage.sharedRegistry.register(snapshotID: Self.snapshotID(checkpoint.checkpointID), files: checkpoint.allFiles)
        retained.withLock { list in
            list.append(checkpoint)
            list.sort { $0.checkpointID < $1.checkpointID }
        }
        trimRetained()
        return metadata.path
    }

    public func abort(checkpointID: Int64, written: [OperatorSubtaskState]) {
        // A shared file only this aborted checkpoint wrote has no reference: no retained checkpoint can
        // use it (backends build increments on completed checkpoints only).
        for file in written.flatMap(\.allFiles) where file.shared && storage.sharedRegistry.referenceCount(of: file.path) == 0 {
            storage.delete(relativePath: file.path)
        }
        storage.delete(relativePath: CheckpointStorageLocation(storage: storage, checkpointID: checkpointID).exclusiveDirectory)
    }

    /// Discards checkpoints beyond the retained count, oldest first.
    private func trimRetained() {
        let discarded: [CompletedCheckpoint] = retained.withLock { list in
            guard list.count > retainedCheckpoints else { return [] }
            defer { list.removeFirst(list.count - retainedCheckpoints) }
            return Array(list.prefix(list.count - retainedCheckpoints))
        }
        for checkpoint in discarded {
            storage.sharedRegistry.discard(snapshotID: Self.snapshotID(checkpoint.checkpointID))
            storage.delete(relativePath: CheckpointStorageLocation(storage: storage, checkpointID: checkpoint.checkpointID).exclusiveDirectory)
        }
    }

    /// Moves a completed savepoint out of the job's directory, if it is self-contained (no shared
    /// files) and both are local; returns where it is.
    private func moveSavepoint(_ savepoint: CompletedCheckpoint, from location: CheckpointStorageLocation) throws -> String {
        guard let local = storage as? LocalCheckpointStorage else { return location.exclusiveDirectory }
        let inPlace = local.absolutePath(location.exclusiveDirectory)
        guard let savepointDirectory, !savepoint.allFiles.contains(where: \.shared) else { return inPlace }
        let target = "\(savepointDirectory)/savepoint-\(jobID)-\(savepoint.checkpointID)"
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            try DurableFile.rename(inPlace, to: "\(target)/\(location.exclusiveDirectory)")
        } catch {
            throw StateError(.io, "cannot move savepoint \(savepoint.checkpointID) to \(target)", path: inPlace, underlying: error)
        }
        return target
    }

    static func snapshotID(_ checkpointID: Int64) -> String { "chk-\(checkpointID)" }
}
