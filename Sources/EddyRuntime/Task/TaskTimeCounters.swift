import Synchronization

/// Nanoseconds a task spent busy and idle (waiting for input), written by the task thread, read by
/// metrics. Backpressured time is measured by the channels the task writes to, and is part of busy
/// time here (the task was inside an emit, blocked on credit).
///
/// Thread-safety: one writer (the task thread), any readers.
public final class TaskTimeCounters: Sendable {
    public enum Phase: Int { case busy = 0, idle = 1 }
    private let busy = Atomic<UInt64>(0)
    private let idle = Atomic<UInt64>(0)
    private let phaseStart = Atomic<UInt64>(0)
    private let phase = Atomic<Int>(-1)

    public init() {}

    /// Switches to `next` at `now` (monotonic ns), adding the time since the last switch.
    public func enter(_ next: Phase, now: UInt64) {
        let current = phase.load(ordering: .relaxed)
        if current == next.rawValue { return }
        let started = phaseStart.load(ordering: .relaxed)
        if current == Phase.busy.rawValue {
            busy.store(busy.load(ordering: .relaxed) &+ (now &- started), ordering: .relaxed)
        } else if current == Phase.idle.rawValue {
            idle.store(idle.load(ordering: .relaxed) &+ (now &- started), ordering: .relaxed)
        }
        phaseStart.store(now, ordering: .relaxed)
        phase.store(next.rawValue, ordering: .relaxed)
    }

    /// Closes the current phase.
    public func finish(now: UInt64) {
        enter(.busy, now: now)
        phase.store(-1, ordering: .relaxed)
    }

    public var busyNanoseconds: UInt64 { busy.load(ordering: .relaxed) }
    public var idleNanoseconds: UInt64 { idle.load(ordering: .relaxed) }
}
