import EddyRuntime
import EddyState
import EddyStateRocksDB

/// The environment's settings as the operators of one deployment see them: filled in by `execute`
/// just before deployment, read by the factories while they build subtasks. A class shared by the
/// factories (and not the environment itself) so nodes do not hold their environment alive.
final class JobSettings: @unchecked Sendable {  // written before deployment, read-only while the job runs
    var stateBackend: StateBackendKind = .heap
    var rocksDBOptions = RocksDBBackendOptions()
    var workingDirectory = ""
    var storage: any CheckpointStorage = InMemoryCheckpointStorage()
    var finalCheckpoint: FinalCheckpointCollector?
    /// The job's checkpoint ids, shared by the coordinator and the final checkpoint.
    var checkpointIDs = CheckpointIDCounter()
}
