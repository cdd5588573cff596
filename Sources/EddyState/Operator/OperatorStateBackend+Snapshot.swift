extension OperatorStateBackend {
    /// Writes every state of this subtask to `chk-<n>/<operatorID>-<subtask>.opstate`, durably.
    /// Synchronous: operator state is small (offsets, rules), so it is serialized and written on the
    /// task thread. A file is written even when there is no state, so every subtask has a handle.
    ///
    /// Restored states nobody registered are written back as they were read, except union state,
    /// which only subtask 0 writes back: every subtask restored the same union, and writing it from
    /// all of them would multiply it by the parallelism at each restore.
    /// - Parameters:
    ///   - checkpointID: must equal `location.checkpointID`.
    ///   - location: the checkpoint's directories and storage.
    ///   - operatorID: unique per job.
    ///   - subtaskIndex: this subtask.
    /// - Returns: the handle to store in the checkpoint's metadata.
    /// - Throws: ``StateError`` `.io` when the storage cannot write.
    /// - Complexity: O(n) in the elements and entries of all states.
    public func snapshot(
        checkpointID: Int64, location: CheckpointStorageLocation, operatorID: String, subtaskIndex: Int
    ) throws -> OperatorStateHandle {
        precondition(
            location.checkpointID == checkpointID,
            "location is for checkpoint \(location.checkpointID), not \(checkpointID)")
        precondition(subtaskIndex >= 0, "negative subtask index")
        let names = stateNames
        var file = OperatorStateFileWriter(stateCount: names.count)
        var infos: [OperatorStateHandle.StateInfo] = []
        for name in names {
            if let state = registered[name] {
                state.write(to: &file)
                infos.append(.init(name: name, mode: state.mode, count: state.count))
            } else if var state = restored[name] {
                if state.mode == .union && subtaskIndex != 0 { state.elements = [] }
                state.write(to: &file)
                infos.append(.init(name: name, mode: state.mode, count: state.count))
            }
        }
        let path = "\(location.exclusiveDirectory)/\(operatorID)-\(subtaskIndex).opstate"
        let handle = try location.storage.write(file.finish(), to: path)
        return OperatorStateHandle(file: handle, subtaskIndex: subtaskIndex, states: infos)
    }
}
