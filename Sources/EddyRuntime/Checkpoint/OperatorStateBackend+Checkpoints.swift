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
