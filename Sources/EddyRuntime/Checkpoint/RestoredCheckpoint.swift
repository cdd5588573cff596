import EddyCore
import EddyState

/// A completed checkpoint or savepoint a job is deployed from: what every operator subtask
/// acknowledged, and the storage its files are in (the new deployment writes its checkpoints
/// there too, so incremental state can keep referring to the restored files).
public struct RestoredCheckpoint: Sendable {
    public var checkpointID: Int64
    public var storage: any CheckpointStorage
    /// Per operator ID, per old subtask index.
    public var operators: [String: [Int: OperatorSubtaskState]]
    /// Old parallelism per operator ID.
    public var parallelism: [String: Int]
    public var maxParallelism: Int
    /// Deploy even when the checkpoint holds state of operators the job no longer has (that state
    /// is dropped); otherwise that is an error, since it usually means an operator was renamed.
    public var allowNonRestoredState: Bool

    public init(
        checkpointID: Int64, storage: any CheckpointStorage, operators: [String: [Int: OperatorSubtaskState]],
        parallelism: [String: Int], maxParallelism: Int, allowNonRestoredState: Bool = false
    ) {
        self.checkpointID = checkpointID
        self.storage = storage
        self.operators = operators
        self.parallelism = parallelism
        self.maxParallelism = maxParallelism
        self.allowNonRestoredState = allowNonRestoredState
    }

    /// The checkpoint a coordinator completed, in `storage`.
    public init(_ checkpoint: AcknowledgedCheckpoint, storage: any CheckpointStorage, allowNonRestoredState: Bool = false) {
        self.init(
            checkpointID: checkpoint.checkpointID, storage: storage, operators: checkpoint.operators,
            parallelism: checkpoint.parallelism, maxParallelism: checkpoint.maxParallelism,
            allowNonRestoredState: allowNonRestoredState)
    }

    /// What subtask `subtask` of `parallelism` of `operatorID` restores: keyed and raw keyed state
    /// of the old subtasks whose key groups overlap its own, all operator state (the operator state
    /// backend redistributes it), and its own old channel state. nil when the checkpoint holds
    /// nothing for the operator.
    public func restore(operatorID: String, subtask: Int, parallelism: Int) -> OperatorRestore? {
        guard let states = operators[operatorID], !states.isEmpty else { return nil }
        let range = KeyGroupRangeAssignment.range(
            forOperatorIndex: subtask, parallelism: parallelism, maxParallelism: maxParallelism)
        func overlaps(_ other: KeyGroupRange) -> Bool {
            !other.isEmpty && !range.isEmpty && other.start <= range.end && range.start <= other.end
        }
        let old = states.sorted { $0.key < $1.key }.map(\.value)
        return OperatorRestore(
            checkpointID: checkpointID, storage: storage,
            keyedState: old.flatMap(\.keyedState).filter { overlaps($0.keyGroupRange) },
            operatorState: old.compactMap(\.operatorState),
            rawKeyedState: old.flatMap(\.rawKeyedState).filter { overlaps($0.keyGroupRange) },
            channelState: states[subtask]?.channelState ?? [])
    }
}
