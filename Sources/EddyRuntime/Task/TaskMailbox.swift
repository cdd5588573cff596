import Synchronization

/// A control message for a task, handled on its thread between elements (Flink's mailbox mails).
public enum TaskMail: Sendable {
    /// A source task: snapshot and emit the barrier (other tasks get barriers from their inputs).
    case triggerCheckpoint(CheckpointBarrier)
    /// The coordinator completed the checkpoint: operators commit (sinks) and release (backends).
    case checkpointComplete(Int64)
    /// The checkpoint failed or timed out: stop aligning it, operators discard what they prepared.
    case checkpointAborted(Int64)
}

/// The task's queue of ``TaskMail``. The task loop checks an atomic flag once per turn and takes
/// the lock only when mail is there.
///
/// Thread-safety: `post` from any thread; `takeAll` from the task thread.
final class TaskMailbox: Sendable {
    private let mails = Mutex<[TaskMail]>([])
    private let pending = Atomic<Bool>(false)

    func post(_ mail: TaskMail) {
        mails.withLock {
            $0.append(mail)
            pending.store(true, ordering: .releasing)
        }
    }

    @inline(__always)
    var hasMail: Bool { pending.load(ordering: .acquiring) }

    /// Every mail posted so far, oldest first.
    func takeAll() -> [TaskMail] {
        mails.withLock { mails in
            pending.store(false, ordering: .releasing)
            defer { mails.removeAll() }
            return mails
        }
    }
}
