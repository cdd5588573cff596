import EddyState

/// The state one new operator subtask restores from, chosen from a completed checkpoint or
/// savepoint by key-group overlap (keyed and raw keyed state) and whole for operator state (which
/// ``OperatorStateBackend/init(restoring:storage:subtaskIndex:parallelism:)`` redistributes).
public struct OperatorRestore: Sendable {
    public var checkpointID: Int64
    public var storage: any CheckpointStorage
    /// Keyed snapshots of old subtasks whose key groups overlap this subtask's.
    public var keyedState: [KeyedStateHandle]
    /// Operator state of every old subtask.
    public var operatorState: [OperatorStateHandle]
    /// Raw keyed state of old subtasks whose key groups overlap this subtask's.
    public var rawKeyedState: [RawKeyedStateHandle]
    /// In-flight buffers of an unaligned checkpoint, for this subtask's inputs.
    public var channelState: [StateFileHandle]

    public init(
        checkpointID: Int64, storage: any CheckpointStorage, keyedState: [KeyedStateHandle] = [],
        operatorState: [OperatorStateHandle] = [], rawKeyedState: [RawKeyedStateHandle] = [],
        channelState: [StateFileHandle] = []
    ) {
        self.checkpointID = checkpointID
        self.storage = storage
        self.keyedState = keyedState
        self.operatorState = operatorState
        self.rawKeyedState = rawKeyedState
        self.channelState = channelState
    }

    /// The raw keyed state written under `name`.
    public func rawKeyedState(named name: String) -> [RawKeyedStateHandle] { rawKeyedState.filter { $0.name == name } }
}
