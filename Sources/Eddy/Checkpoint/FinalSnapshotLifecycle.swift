import EddyRuntime
import EddyState

/// Takes the final snapshot of a keyed operator subtask's backend when its input has ended, after
/// the operator finished (its last timers fired), and hands it to the job's collector.
final class FinalSnapshotLifecycle<Key>: OperatorLifecycle {
    let name: String
    let backend: any KeyedStateBackend<Key>
    let storage: any CheckpointStorage
    let collector: FinalCheckpointCollector
    let operatorID: String
    let subtask: Int

    init(
        name: String, backend: any KeyedStateBackend<Key>, storage: any CheckpointStorage,
        collector: FinalCheckpointCollector, operatorID: String, subtask: Int
    ) {
        self.name = name
        self.backend = backend
        self.storage = storage
        self.collector = collector
        self.operatorID = operatorID
        self.subtask = subtask
    }

    func finish() throws {
        let location = CheckpointStorageLocation(storage: storage, checkpointID: collector.checkpointID)
        // The job has ended its input: write the snapshot out right here, on the task thread.
        let handle = try backend.snapshot(checkpointID: collector.checkpointID, kind: .checkpoint, location: location).run()
        collector.add(operatorID: operatorID, subtask: subtask, handle: handle)
    }
}
