/// An exchange writer as the task loop sees it: flushed on timeout and ended with the task.
/// Called per loop turn, not per record.
///
/// Thread-safety: the producing task's thread only.
public protocol TaskOutput: AnyObject {
    /// Sends buffers older than the flush timeout; returns the next deadline still pending.
    func flushDue(now: UInt64) -> UInt64?
    func flushAll()
    /// Flushes and ends every channel.
    func finish()
    /// Sends a checkpoint barrier on every channel (see ``RecordWriter/broadcastBarrier(_:)``).
    func broadcastBarrier(_ barrier: CheckpointBarrier)
    /// Gives segments not yet sent back to their channels (the task was cancelled or failed).
    func abandon()
}

extension RecordWriter: TaskOutput {}
