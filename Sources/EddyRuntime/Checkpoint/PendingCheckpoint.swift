/// A triggered checkpoint the coordinator collects acknowledgements for.
struct PendingCheckpoint {
    typealias Completion = @Sendable (Result<AcknowledgedCheckpoint, CheckpointError>) -> Void

    let barrier: CheckpointBarrier
    /// Coordinator clock (ms) at the trigger.
    let triggeredAtMillis: Int64
    /// Tasks that have not acknowledged yet.
    var awaiting: Set<String>
    var operators: [String: [Int: OperatorSubtaskState]] = [:]
    var metrics: [TaskCheckpointMetrics] = []
    var completions: [Completion] = []

    var id: Int64 { barrier.checkpointID }
    var isPeriodic: Bool { barrier.options.kind == .checkpoint }

    /// Everything acknowledged so far (what an abort must clean up).
    var written: [OperatorSubtaskState] { operators.values.flatMap(\.values) }

    mutating func add(_ ack: TaskAcknowledgement) {
        for (operatorID, state) in ack.operators {
            operators[operatorID, default: [:]][ack.subtaskIndex] = state
        }
        metrics.append(ack.metrics)
    }
}
