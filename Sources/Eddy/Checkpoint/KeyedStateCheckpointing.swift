import EddyMemory
import EddyRuntime
import EddyState

/// Checkpoints a keyed operator subtask: its keyed state backend (synchronous part on the task
/// thread, files written by the job's checkpoint writer) and, when the operator has one, its timer
/// service as raw keyed state `timers` (frozen on the task thread, serialized by the writer). Restores the timers when they are attached (the backend
/// was restored when it was built).
final class KeyedStateCheckpointing<Key>: CheckpointedOperator {
    let name: String
    let backend: any KeyedStateBackend<Key>
    private let restore: OperatorRestore?
    private var snapshotTimers: (() -> TimerSnapshot)?
    /// Runs after the backend was told (the operator's own reaction, if any).
    var onCheckpointComplete: ((Int64) throws -> Void)?

    init(name: String, backend: any KeyedStateBackend<Key>, restore: OperatorRestore?) {
        self.name = name
        self.backend = backend
        self.restore = restore
    }

    /// Checkpoints `timers` with the keyed state, and restores the restored checkpoint's timers
    /// into it (those of this subtask's key groups).
    /// - Throws: ``StateError`` for a missing or corrupt timer file.
    func attach<Namespace>(_ timers: InternalTimerService<Key, Namespace>) throws {
        precondition(snapshotTimers == nil, "\(name): one timer service per keyed operator")
        snapshotTimers = { timers.snapshotLater() }
        guard let restore else { return }
        for handle in restore.rawKeyedState(named: "timers") {
            for file in handle.files { try timers.restore(from: try restore.storage.read(file)) }
        }
    }

    func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        let start = monotonicNanoseconds()
        let keyed = try backend.snapshot(
            checkpointID: request.checkpointID, kind: request.barrier.options.snapshotKind, location: request.location)
        let timers = snapshotTimers?()
        let range = backend.keyGroupRange
        let location = request.location
        let timerPath = "\(location.exclusiveDirectory)/\(request.operatorID)-\(request.subtaskIndex).timers"
        return PendingSnapshot(synchronousNanoseconds: monotonicNanoseconds() &- start) {
            var state = OperatorSubtaskState(keyedState: [try keyed.run()])
            if let timers {
                let file = try location.storage.write(timers.write(), to: timerPath)
                state.rawKeyedState = [RawKeyedStateHandle(name: "timers", keyGroupRange: range, files: [file])]
            }
            return state
        }
    }

    func notifyCheckpointComplete(_ checkpointID: Int64) throws {
        backend.notifyCheckpointComplete(checkpointID)
        try onCheckpointComplete?(checkpointID)
    }
}
