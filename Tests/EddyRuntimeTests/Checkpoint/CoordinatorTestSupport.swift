import EddyRuntime
import Foundation
import Synchronization

/// A task as the coordinator sees it, recording the mail it gets.
final class FakeParticipant: CheckpointParticipant {
    let key: String
    let isSource: Bool
    private let stateBox = Mutex(TaskState.running)
    private let mailBox = Mutex<[TaskMail]>([])

    init(_ key: String, source: Bool) {
        self.key = key
        isSource = source
    }

    var state: TaskState {
        get { stateBox.withLock { $0 } }
        set { stateBox.withLock { $0 = newValue } }
    }

    private let triggerHook = Mutex<(@Sendable (Int64) -> Void)?>(nil)

    /// Called (on the coordinator's queue) when a checkpoint is triggered, so a test can acknowledge
    /// at once instead of racing the timeout.
    func onTrigger(_ hook: @escaping @Sendable (Int64) -> Void) { triggerHook.withLock { $0 = hook } }

    func post(_ mail: TaskMail) {
        mailBox.withLock { $0.append(mail) }
        if case .triggerCheckpoint(let barrier) = mail, let hook = triggerHook.withLock({ $0 }) { hook(barrier.checkpointID) }
    }
    var mails: [TaskMail] { mailBox.withLock { $0 } }

    var triggered: [Int64] {
        mails.compactMap { if case .triggerCheckpoint(let barrier) = $0 { barrier.checkpointID } else { nil } }
    }
    var completed: [Int64] { mails.compactMap { if case .checkpointComplete(let id) = $0 { id } else { nil } } }
    var aborted: [Int64] { mails.compactMap { if case .checkpointAborted(let id) = $0 { id } else { nil } } }

    /// Acknowledges `id` with one empty operator state.
    func ack(_ id: Int64, to coordinator: CheckpointCoordinator, operatorID: String = "op") {
        coordinator.acknowledge(TaskAcknowledgement(
            checkpointID: id, taskKey: key, subtaskIndex: 0, operators: [operatorID + "-" + key: OperatorSubtaskState()],
            metrics: TaskCheckpointMetrics()))
    }
}

/// Keeps completed checkpoints in memory; can be told to fail.
final class RecordingCompletionSink: CheckpointCompletionSink {
    struct Failure: Error {}
    private let state = Mutex<(completed: [AcknowledgedCheckpoint], aborted: [Int64], failNext: Bool)>(([], [], false))

    func complete(_ checkpoint: AcknowledgedCheckpoint) throws {
        try state.withLock {
            if $0.failNext {
                $0.failNext = false
                throw Failure()
            }
            $0.completed.append(checkpoint)
        }
    }

    func abort(checkpointID: Int64, written: [OperatorSubtaskState]) { state.withLock { $0.aborted.append(checkpointID) } }

    func failNextCompletion() { state.withLock { $0.failNext = true } }
    var completedIDs: [Int64] { state.withLock { $0.completed.map(\.checkpointID) } }
    var abortedIDs: [Int64] { state.withLock { $0.aborted } }
}

/// A clock tests move by hand.
final class ManualMillis: Sendable {
    private let value = Atomic<Int64>(0)
    var now: Int64 {
        get { value.load(ordering: .sequentiallyConsistent) }
        set { value.store(newValue, ordering: .sequentiallyConsistent) }
    }
}
