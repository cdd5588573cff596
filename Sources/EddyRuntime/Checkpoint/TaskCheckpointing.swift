import EddyMemory
import EddyState

/// The checkpoint side of one task: snapshots its chain (head first) when the barrier handler or
/// a trigger says so, sends the barrier on, and hands the asynchronous parts to the job's
/// ``CheckpointWriter``, which acknowledges to the coordinator (or declines with the error).
///
/// Thread-safety: the task's thread; what it submits to the writer holds only Sendable values.
public final class TaskCheckpointing {
    /// A checkpointed operator of the chain, with its job-wide ID.
    public typealias Part = (operatorID: String, operator: any CheckpointedOperator)

    let taskKey: String
    let subtaskIndex: Int
    let parts: [Part]
    /// The head operator, which stores the task's channel state.
    let headOperatorID: String
    let storage: any CheckpointStorage
    let writer: CheckpointWriter
    let responder: any CheckpointResponder
    var outputs: [TaskOutput] = []
    /// Unaligned checkpoints whose snapshot is taken, waiting for their in-flight data.
    private var awaitingChannelState: [Int64: Snapshot] = [:]

    /// The synchronous parts of one checkpoint.
    struct Snapshot {
        var barrier: CheckpointBarrier
        var pending: [(operatorID: String, snapshot: PendingSnapshot)]
        var metrics: TaskCheckpointMetrics
    }

    public init(
        taskKey: String, subtaskIndex: Int, parts: [Part], headOperatorID: String, storage: any CheckpointStorage,
        writer: CheckpointWriter, responder: any CheckpointResponder
    ) {
        self.taskKey = taskKey
        self.subtaskIndex = subtaskIndex
        self.parts = parts
        self.headOperatorID = headOperatorID
        self.storage = storage
        self.writer = writer
        self.responder = responder
    }

    /// Snapshots every operator of the chain, then sends the barrier to every output. An operator
    /// that throws declines the checkpoint; the barrier goes on all the same, so downstream tasks
    /// do not stay blocked until the coordinator aborts it.
    /// - Parameter awaitChannelState: an unaligned checkpoint of a task with inputs: acknowledge
    ///   only once ``channelStateComplete(_:_:)`` brought the recorded in-flight data.
    func snapshot(_ barrier: CheckpointBarrier, alignmentNanoseconds: UInt64, awaitChannelState: Bool) {
        let location = CheckpointStorageLocation(storage: storage, checkpointID: barrier.checkpointID)
        var snapshot = Snapshot(barrier: barrier, pending: [], metrics: TaskCheckpointMetrics())
        snapshot.metrics.alignmentNanoseconds = alignmentNanoseconds
        var failure: (any Error)?
        let start = monotonicNanoseconds()
        for part in parts where failure == nil {
            do {
                let request = SnapshotRequest(
                    barrier: barrier, location: location, operatorID: part.operatorID, subtaskIndex: subtaskIndex)
                snapshot.pending.append((part.operatorID, try part.operator.snapshotState(request)))
            } catch {
                failure = error
            }
        }
        snapshot.metrics.synchronousNanoseconds = monotonicNanoseconds() &- start
        for output in outputs { output.broadcastBarrier(barrier) }
        if let failure {
            responder.decline(
                checkpointID: barrier.checkpointID, taskKey: taskKey, reason: "snapshot of task \(taskKey) failed: \(failure)")
        } else if awaitChannelState {
            awaitingChannelState[barrier.checkpointID] = snapshot
        } else {
            write(snapshot, channels: [:])
        }
    }

    /// An unaligned checkpoint's in-flight data is complete: write it with the snapshot.
    func channelStateComplete(_ checkpointID: Int64, _ channels: [Int: [UInt8]]) {
        guard let snapshot = awaitingChannelState.removeValue(forKey: checkpointID) else { return }
        write(snapshot, channels: channels)
    }

    /// Forgets a checkpoint still waiting for in-flight data (aborted, or overtaken).
    func forget(_ checkpointID: Int64) { awaitingChannelState[checkpointID] = nil }

    /// Runs the asynchronous parts on the writer, then acknowledges or declines.
    private func write(_ snapshot: Snapshot, channels: [Int: [UInt8]]) {
        let responder = self.responder, storage = self.storage, taskKey = self.taskKey
        let subtask = subtaskIndex, head = headOperatorID
        writer.submit {
            let id = snapshot.barrier.checkpointID
            var metrics = snapshot.metrics
            let start = monotonicNanoseconds()
            do {
                var states: [String: OperatorSubtaskState] = [:]
                for (operatorID, pending) in snapshot.pending {
                    let state = try pending.finish()
                    states[operatorID] = try states[operatorID].map { try merge($0, state, operatorID) } ?? state
                }
                if !channels.isEmpty {
                    let location = CheckpointStorageLocation(storage: storage, checkpointID: id)
                    let file = try storage.write(
                        ChannelStateFile.encode(channels), to: "\(location.exclusiveDirectory)/\(head)-\(subtask).channels")
                    states[head, default: OperatorSubtaskState()].channelState.append(file)
                    metrics.channelStateBytes = file.size
                }
                metrics.asynchronousNanoseconds = monotonicNanoseconds() &- start
                metrics.stateBytes = states.values.reduce(0) { total, state in total + state.allFiles.reduce(0) { $0 + $1.size } }
                responder.acknowledge(TaskAcknowledgement(
                    checkpointID: id, taskKey: taskKey, subtaskIndex: subtask, operators: states, metrics: metrics))
            } catch {
                responder.decline(checkpointID: id, taskKey: taskKey, reason: "writing the snapshot of task \(taskKey) failed: \(error)")
            }
        }
    }

    /// Notifies every operator, head first.
    /// - Throws: what an operator's `notifyCheckpointComplete` throws (a failed commit fails the task).
    func notifyComplete(_ checkpointID: Int64) throws {
        for part in parts { try part.operator.notifyCheckpointComplete(checkpointID) }
    }

    func notifyAborted(_ checkpointID: Int64) {
        forget(checkpointID)
        for part in parts { part.operator.notifyCheckpointAborted(checkpointID) }
    }
}

/// Two parts of one operator (a keyed backend and a sink, say); at most one may have operator state.
private func merge(_ a: OperatorSubtaskState, _ b: OperatorSubtaskState, _ operatorID: String) throws -> OperatorSubtaskState {
    guard a.operatorState == nil || b.operatorState == nil else {
        throw CheckpointError(.declined, "operator \(operatorID) has two parts with operator state; give it one backend")
    }
    return a.merging(b)
}
