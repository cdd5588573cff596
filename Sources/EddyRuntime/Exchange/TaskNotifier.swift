import EddyMemory

/// Wakes a task thread when something arrives for it (a buffer on any input channel, a mailbox
/// message), so a task with many inputs waits in one place. Signals are remembered: a signal that
/// comes while the task is busy makes its next wait return at once.
///
/// Thread-safety: `signal()` from any thread; `wait` from the task thread only.
public final class TaskNotifier: Sendable {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var pending = false  // guarded by `lock`

    public init() {}

    /// Records that the task has work and wakes it.
    public func signal() {
        lock.withLock {
            pending = true
            lock.broadcast()
        }
    }

    /// Waits until signalled or until `deadline` (monotonic nanoseconds; nil = no deadline), and
    /// consumes the signal.
    /// - Returns: true when signalled, false on timeout.
    @discardableResult
    public func wait(untilNanoseconds deadline: UInt64?) -> Bool {
        lock.withLock {
            while !pending {
                if let deadline {
                    if !lock.wait(untilNanoseconds: deadline) { return false }
                } else {
                    lock.wait()
                }
            }
            pending = false
            return true
        }
    }
}
