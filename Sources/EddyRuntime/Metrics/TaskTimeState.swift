/// What a task thread is doing, for Flink's busy / backpressured / idle time metrics.
public enum TaskTimeState: UInt8, Sendable, CaseIterable {
    /// Processing records, timers or barriers.
    case busy = 0
    /// Blocked for lack of an output buffer (no credit downstream).
    case backpressured = 1
    /// Waiting for input.
    case idle = 2
}
