/// A task as the coordinator sees it: a key to collect acknowledgements by, whether barriers start
/// there, whether it runs, and a mailbox.
///
/// Thread-safety: every member from any thread.
public protocol CheckpointParticipant: AnyObject, Sendable {
    var key: String { get }
    var isSource: Bool { get }
    var state: TaskState { get }
    func post(_ mail: TaskMail)
}

extension StreamTask: CheckpointParticipant {}
