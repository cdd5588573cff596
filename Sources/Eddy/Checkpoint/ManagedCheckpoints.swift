import EddyRuntime
import EddyState
import Foundation
import Logging

/// What `execute` sets up when a ``CheckpointPolicy`` is enabled: the job's checkpoint storage in
/// `<checkpoint dir>/<job ID>`, the store completing checkpoints there (retention, savepoints),
/// the coordinator's configuration, and the checkpoint to start from: `restorePath` if given,
/// else the newest checkpoint there that verifies (a rerun after a crash resumes by itself).
final class ManagedCheckpoints {
    let store: CompletedCheckpointStore
    let config: CheckpointConfig
    /// Where new checkpoints go (the restored checkpoint's storage, so incremental files stay valid).
    let storage: LocalCheckpointStorage
    /// What the next deployment restores; after a failure, the newest completed checkpoint.
    var restore: RestoredCheckpoint?
    /// The checkpoint found at start was the final one of a run that finished.
    let finishedCheckpoint: CheckpointRecovery.Found?
    let allowNonRestoredState: Bool
    let logger = Logger(label: "eddy.checkpoint")

    init(policy: CheckpointPolicy, directory: String?, jobID: String) throws {
        guard let directory else {
            throw JobGraphError("checkpointing needs a checkpoint directory (environment.checkpointDirectory, --checkpoint-dir)")
        }
        let own = try LocalCheckpointStorage(root: directory, jobID: jobID)
        var retained: [CompletedCheckpoint] = []
        let found: CheckpointRecovery.Found?
        if let path = policy.restorePath {
            found = try CheckpointRecovery.load(path: path)
        } else {
            let scanned = CheckpointRecovery.scan(own, limit: policy.retained, logger: logger)
            found = scanned.first
            retained = scanned.reversed().map(\.checkpoint)
        }
        // A savepoint is self-contained: the job checkpoints into its own directory. A checkpoint's
        // incremental files are referenced where they are, so the job goes on in that directory.
        let storage = found.map { $0.checkpoint.kind == "savepoint" ? own : $0.storage } ?? own
        self.storage = storage
        allowNonRestoredState = policy.allowNonRestoredState
        finishedCheckpoint = policy.restorePath == nil && found?.checkpoint.kind == "final" ? found : nil
        store = CompletedCheckpointStore(
            jobID: jobID, storage: storage, retainedCheckpoints: policy.retained,
            restored: storage === own ? retained : [], savepointDirectory: directory + "/savepoints", logger: logger)
        config = CheckpointConfig(
            intervalMillis: policy.intervalMillis, timeoutMillis: policy.timeoutMillis, minPauseMillis: policy.minPauseMillis,
            maxConcurrent: policy.maxConcurrent, unaligned: policy.unaligned,
            alignmentTimeoutMillis: policy.alignmentTimeoutMillis, storage: storage, sink: store)
        if let found {
            logger.info("job \(jobID) restores \(found.checkpoint.kind) \(found.checkpoint.checkpointID) from \(found.metadataPath)")
            restore = RestoredCheckpoint(found.checkpoint, storage: found.storage, allowNonRestoredState: policy.allowNonRestoredState)
        }
    }

    /// After a failure: restore the newest completed checkpoint (or what the job started from).
    func prepareRestart() {
        guard let latest = store.latest else { return }
        restore = RestoredCheckpoint(latest, storage: storage, allowNonRestoredState: allowNonRestoredState)
    }
}

extension RestoredCheckpoint {
    /// A checkpoint read back from its `_metadata`, with the storage its files are in.
    init(_ checkpoint: CompletedCheckpoint, storage: any CheckpointStorage, allowNonRestoredState: Bool) {
        self.init(
            checkpointID: checkpoint.checkpointID, storage: storage, operators: checkpoint.operators.mapValues(\.subtasks),
            parallelism: checkpoint.operators.mapValues(\.parallelism), maxParallelism: checkpoint.maxParallelism,
            allowNonRestoredState: allowNonRestoredState)
    }
}
