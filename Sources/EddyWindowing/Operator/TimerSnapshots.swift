import EddyRuntime
import EddyState

/// Timers of a keyed operator as raw keyed state: one self-checking blob per subtask
/// (``InternalTimerService/snapshot()``) in the checkpoint's own directory, named `name`.
func snapshotTimers<Key, Namespace>(
    _ timers: InternalTimerService<Key, Namespace>, named name: String, _ request: SnapshotRequest
) -> PendingSnapshot {
    let started = ContinuousClock.now
    let bytes = timers.snapshot()
    let path = "\(request.location.exclusiveDirectory)/\(request.operatorID)-\(request.subtaskIndex)-\(name)"
    let storage = request.location.storage
    let range = timers.keyGroupRange
    return PendingSnapshot(synchronousNanoseconds: elapsedNanoseconds(since: started)) {
        let file = try storage.write(bytes, to: path)
        return OperatorSubtaskState(rawKeyedState: [RawKeyedStateHandle(name: name, keyGroupRange: range, files: [file])])
    }
}

/// Adds the timers of the handles named `name` that belong to the service's key groups.
/// - Throws: ``StateError`` when a snapshot is missing, corrupt, or of other timers.
func restoreTimers<Key, Namespace>(
    _ timers: InternalTimerService<Key, Namespace>, named name: String, from handles: [RawKeyedStateHandle],
    storage: any CheckpointStorage
) throws {
    for handle in handles where handle.name == name {
        for file in handle.files { try timers.restore(from: try storage.read(file)) }
    }
}
