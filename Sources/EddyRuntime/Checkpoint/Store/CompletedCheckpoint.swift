import EddyState

/// A checkpoint or savepoint that every task acknowledged and whose `_metadata` is durable: what a
/// job restores from. Stored as the body of ``CheckpointMetadataFile``.
public struct CompletedCheckpoint: Codable, Sendable, Hashable {
    /// One operator's state across its subtasks.
    public struct OperatorState: Codable, Sendable, Hashable {
        /// The operator's parallelism when the checkpoint was taken.
        public var parallelism: Int
        /// Per subtask index.
        public var subtasks: [Int: OperatorSubtaskState]

        public init(parallelism: Int, subtasks: [Int: OperatorSubtaskState]) {
            self.parallelism = parallelism
            self.subtasks = subtasks
        }
    }

    public var jobID: String
    public var checkpointID: Int64
    /// `checkpoint`, `savepoint` or `final` (taken when the input ended).
    public var kind: String
    public var timestampMillis: Int64
    public var maxParallelism: Int
    /// Per operator ID (`"<node id>-<name>"`, stable across runs of the same program).
    public var operators: [String: OperatorState]

    public init(
        jobID: String, checkpointID: Int64, kind: String, timestampMillis: Int64, maxParallelism: Int,
        operators: [String: OperatorState]
    ) {
        self.jobID = jobID
        self.checkpointID = checkpointID
        self.kind = kind
        self.timestampMillis = timestampMillis
        self.maxParallelism = maxParallelism
        self.operators = operators
    }

    /// The checkpoint the coordinator collected.
    public init(jobID: String, acknowledged: AcknowledgedCheckpoint) {
        let kind: String
        switch acknowledged.options.kind {
        case .checkpoint: kind = "checkpoint"
        case .savepoint, .terminatingSavepoint: kind = "savepoint"
        }
        self.init(
            jobID: jobID, checkpointID: acknowledged.checkpointID, kind: kind,
            timestampMillis: acknowledged.timestampMillis, maxParallelism: acknowledged.maxParallelism,
            operators: acknowledged.operators.mapValues { subtasks in
                OperatorState(parallelism: 0, subtasks: subtasks)
            })
        for (operatorID, parallelism) in acknowledged.parallelism { operators[operatorID]?.parallelism = parallelism }
    }

    /// Every file the checkpoint refers to, exclusive and shared.
    public var allFiles: [StateFileHandle] {
        operators.keys.sorted().flatMap { id in
            operators[id]!.subtasks.keys.sorted().flatMap { operators[id]!.subtasks[$0]!.allFiles }
        }
    }
}
