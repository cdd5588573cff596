import EddyMemory
import EddyState

extension OperatorRestore {
    /// An operator state backend for subtask `subtaskIndex` of `parallelism`, restored from this
    /// checkpoint's operator state (redistributed on rescale).
    /// - Throws: ``StateError`` for a missing or corrupt file.
    public func operatorStateBackend(subtaskIndex: Int, parallelism: Int) throws -> OperatorStateBackend {
        try OperatorStateBackend(restoring: operatorState, storage: storage, subtaskIndex: subtaskIndex, parallelism: parallelism)
    }
}

extension OperatorStateBackend {
    /// Writes every state for `request` (synchronously: operator state is small).
    /// - Throws: ``StateError`` `.io` when the storage cannot write.
    public func snapshot(for request: SnapshotRequest) throws -> OperatorSubtaskState {
        OperatorSubtaskState(operatorState: try snapshot(
            checkpointID: request.checkpointID, location: request.location, operatorID: request.operatorID,
            subtaskIndex: request.subtaskIndex))
    }
}

/// Checkpoints an operator's ``OperatorStateBackend`` as it is (broadcast state, user operator
/// state): the whole snapshot is written on the task thread.
public final class OperatorStateCheckpointing: CheckpointedOperator {
    public let name: String
    public let backend: OperatorStateBackend

    /// A backend restored from `restore` (empty without one).
    /// - Throws: ``StateError`` for a missing or corrupt file.
    public init(name: String, restore: OperatorRestore?, subtaskIndex: Int, parallelism: Int) throws {
        self.name = name
        backend = try restore?.operatorStateBackend(subtaskIndex: subtaskIndex, parallelism: parallelism) ?? OperatorStateBackend()
    }

    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        let start = monotonicNanoseconds()
        let state = try backend.snapshot(for: request)
        return .done(state, synchronousNanoseconds: monotonicNanoseconds() &- start)
    }
}
