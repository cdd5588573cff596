import EddyState
import Logging
import Synchronization

/// The durable end of the checkpoint coordinator: writes each acknowledged checkpoint's `_metadata`
/// (the checkpoint exists from then on), keeps the newest `retainedCheckpoints`, and releases what
/// older ones alone referred to: their `chk-<n>/` directory and the shared files no retained
/// checkpoint needs (``SharedStateRegistry``). Savepoints go to their own storage and are never
/// deleted: they belong to the user.
///
/// Thread-safety: all methods from any thread (one mutex over the retained list).
public final class CompletedCheckpointStore: CheckpointCompletionSink {
    public let jobID: String
    public let storage: any CheckpointStorage
    public let retainedCheckpoints: Int
    /// Storage of savepoint `n`: `<savepoints root>/savepoint-<job>-<n>/`; nil when the job has none.
    private let savepointStorage: (@Sendable (Int64) throws -> any CheckpointStorage)?
    private let retained: Mutex<[CompletedCheckpoint]>
    private let savepoints = Mutex<[Int64: String]>([:])
    private let logger: Logger

    /// - Parameters:
    ///   - restored: checkpoints found on disk at start (oldest first, already verified); their shared
    ///     files are registered so later discards count them.
    ///   - savepointStorage: makes the storage of savepoint `n`.
    public init(
        jobID: String, storage: any CheckpointStorage, retainedCheckpoints: Int = 1, restored: [CompletedCheckpoint] = [],
        savepointStorage: (@Sendable (Int64) throws -> any CheckpointStorage)? = nil,
        logger: Logger = Logger(label: "eddy.checkpoint")
    ) {
        precondition(retainedCheckpoints >= 1, "a job retains at least one checkpoint")
        self.jobID = jobID
        self.storage = storage
        self.retainedCheckpoints = retainedCheckpoints
        self.savepointStorage = savepointStorage
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
    /// The directory (relative to the savepoint storage's root) of each completed savepoint.
    public func savepointPath(_ checkpointID: Int64) -> String? { savepoints.withLock { $0[checkpointID] } }

    public func location(checkpointID: Int64, options: CheckpointOptions) throws -> CheckpointStorageLocation {
        guard options.isSavepoint else { return CheckpointStorageLocation(storage: storage, checkpointID: checkpointID) }
        guard let savepointStorage else {
            throw StateError(.io, "savepoint \(checkpointID) of job \(jobID): no savepoint directory is configured")
        }
        return CheckpointStorageLocation(storage: try savepointStorage(checkpointID), checkpointID: checkpointID)
    }

    public func complete(_ acknowledged: AcknowledgedCheckpoint) throws {
        let checkpoint = CompletedCheckpoint(jobID: jobID, acknowledged: acknowledged)
        let location = try location(checkpointID: checkpoint.checkpointID, options: acknowledged.options)
        let metadata = try location.storage.write(
            try CheckpointMetadataFile.encode(checkpoint),
            to: location.exclusiveDirectory + "/" + CheckpointMetadataFile.fileName)
        if acknowledged.options.isSavepoint {
            savepoints.withLock { $0[checkpoint.checkpointID] = metadata.path }
            logger.info("savepoint \(checkpoint.checkpointID) of job \(jobID) completed")
            return
        }
        storage.sharedRegistry.register(snapshotID: Self.snapshotID(checkpoint.checkpointID), files: checkpoint.allFiles)
        retained.withLock { list in
            list.append(checkpoint)
            list.sort { $0.checkpointID < $1.checkpointID }
        }
        trimRetained()
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

    static func snapshotID(_ checkpointID: Int64) -> String { "chk-\(checkpointID)" }
}
