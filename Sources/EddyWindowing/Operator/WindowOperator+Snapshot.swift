import EddyMemory
import EddyRuntime
import EddyState

extension WindowOperator: CheckpointedOperator {
    /// The name of the raw keyed state holding the window timers.
    public static var timersStateName: String { "window-timers" }

    /// Writes the window timers (key-grouped, checksummed: ``InternalTimerService/snapshot()``) to
    /// the checkpoint's own directory. Window contents, trigger state and merging window sets are in
    /// the keyed backend, which is checkpointed with the operator's other keyed state.
    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        let started = ContinuousClock.now
        let bytes = timers.snapshot()
        let path = "\(request.location.exclusiveDirectory)/\(request.operatorID)-\(request.subtaskIndex)-\(Self.timersStateName)"
        let storage = request.location.storage
        let range = timers.keyGroupRange
        let name = Self.timersStateName
        return PendingSnapshot(synchronousNanoseconds: elapsedNanoseconds(since: started)) {
            let file = try storage.write(bytes, to: path)
            return OperatorSubtaskState(rawKeyedState: [RawKeyedStateHandle(name: name, keyGroupRange: range, files: [file])])
        }
    }

    /// Adds the timers of the old subtasks' snapshots that belong to this subtask's key groups.
    /// Call before the first element, after the keyed backend restored.
    /// - Throws: ``StateError`` when a snapshot is missing, corrupt, or of other timers.
    public func restoreTimers(from handles: [RawKeyedStateHandle], storage: any CheckpointStorage) throws {
        for handle in handles where handle.name == Self.timersStateName {
            for file in handle.files { try timers.restore(from: try storage.read(file)) }
        }
    }
}
