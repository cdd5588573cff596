import EddyRuntime
import EddyState

/// Takes checkpoint `id` of an operator and its keyed backend synchronously, as the runtime would.
func checkpoint<B: KeyedStateBackend>(
    _ windows: some CheckpointedOperator, _ backend: B, storage: any CheckpointStorage, id: Int64, operatorID: String, subtask: Int = 0
) throws -> (raw: [RawKeyedStateHandle], keyed: KeyedStateHandle) {
    let location = CheckpointStorageLocation(storage: storage, checkpointID: id)
    let raw = try windows.snapshotState(SnapshotRequest(
        barrier: CheckpointBarrier(checkpointID: id, timestampMillis: 0), location: location, operatorID: operatorID, subtaskIndex: subtask)).finish()
    let keyed = try backend.snapshot(checkpointID: id, kind: .checkpoint, location: location).run()
    return (raw.rawKeyedState, keyed)
}

/// Takes checkpoint `id` of a keyed backend and a timer service, as the runtime's keyed-operator
/// checkpointing does: the backend's snapshot and the timers' bytes.
func checkpoint<B: KeyedStateBackend, K, N>(
    timers: InternalTimerService<K, N>, _ backend: B, storage: any CheckpointStorage, id: Int64
) throws -> (timers: [UInt8], keyed: KeyedStateHandle) {
    let location = CheckpointStorageLocation(storage: storage, checkpointID: id)
    return (timers.snapshot(), try backend.snapshot(checkpointID: id, kind: .checkpoint, location: location).run())
}
