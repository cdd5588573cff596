import EddyRuntime
import EddyState

extension WindowOperator: CheckpointedOperator {
    /// The name of the raw keyed state holding the window timers.
    public static var timersStateName: String { "window-timers" }

    /// Writes the window timers. Window contents, trigger state and merging window sets are in the
    /// keyed backend, which is checkpointed with the operator's other keyed state.
    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        snapshotTimers(timers, named: Self.timersStateName, request)
    }

    /// Adds the timers of the old subtasks' snapshots that belong to this subtask's key groups.
    /// Call before the first element, after the keyed backend restored.
    /// - Throws: ``StateError`` when a snapshot is missing, corrupt, or of other timers.
    public func restoreTimers(from handles: [RawKeyedStateHandle], storage: any CheckpointStorage) throws {
        try EddyWindowing.restoreTimers(timers, named: Self.timersStateName, from: handles, storage: storage)
    }
}
