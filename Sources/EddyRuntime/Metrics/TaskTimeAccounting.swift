#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EddyMemory
import Synchronization

/// Accumulates the nanoseconds one task spends busy, backpressured and idle (Flink's
/// `busyTimeMsPerSecond`, `backPressuredTimeMsPerSecond` and `idleTimeMsPerSecond`, before they are
/// turned into rates by ``TaskTimeMeter``).
///
/// The task thread calls ``enter(_:now:)`` at each transition. Entering the state the task is already
/// in is one relaxed load; a real transition is three relaxed stores and a release fence (plain
/// `mov`s on x86). Readers get totals that include the state in progress, and always consistent:
/// `totals(now:).sum` is exactly `now` minus the start, because the writer brackets its update as a
/// sequence lock does (the word holding the current state and its start doubles as the sequence).
///
/// Thread-safety: exactly one writing thread (the task's) calls ``enter(_:now:)``; any thread reads.
public final class TaskTimeAccounting: Sendable {
    /// Bit 63: a transition is being written. Bits 61–62: the current state. Bits 0–60: when it began.
    private let current: Atomic<UInt64>
    private let busy = Atomic<UInt64>(0)
    private let backpressured = Atomic<UInt64>(0)
    private let idle = Atomic<UInt64>(0)

    private static let writingBit: UInt64 = 1 << 63
    private static let stateShift: UInt64 = 61
    private static let timeMask: UInt64 = (1 << 61) - 1

    /// - Parameters:
    ///   - state: the state the task starts in.
    ///   - now: the start, in monotonic nanoseconds (below 2⁶¹, about 73 years of uptime).
    public init(state: TaskTimeState = .idle, now: UInt64 = monotonicNanoseconds()) {
        current = Atomic(Self.pack(state, now))
    }

    /// Records that the task is now in `state`. Only the task thread may call it.
    /// - Parameter now: monotonic nanoseconds; a time before the last transition counts as that time.
    @inline(__always)
    public func enter(_ state: TaskTimeState, now: UInt64) {
        let word = current.load(ordering: .relaxed)  // the writer's own store: no race
        let old = Self.state(of: word)
        if old == state { return }
        transition(from: old, word: word, to: state, now: now)
    }

    /// Records that the task is now in `state`, at the monotonic clock's time.
    @inline(__always)
    public func enter(_ state: TaskTimeState) { enter(state, now: monotonicNanoseconds()) }

    @inline(never)
    private func transition(from old: TaskTimeState, word: UInt64, to state: TaskTimeState, now: UInt64) {
        let start = word & Self.timeMask
        let time = max(now, start)
        current.store(word | Self.writingBit, ordering: .relaxed)
        atomicMemoryFence(ordering: .releasing)
        let elapsed = time - start
        switch old {
        case .busy: busy.store(busy.load(ordering: .relaxed) &+ elapsed, ordering: .relaxed)
        case .backpressured:
            backpressured.store(backpressured.load(ordering: .relaxed) &+ elapsed, ordering: .relaxed)
        case .idle: idle.store(idle.load(ordering: .relaxed) &+ elapsed, ordering: .relaxed)
        }
        current.store(Self.pack(state, time), ordering: .releasing)
    }

    /// The state the task is in now.
    public var state: TaskTimeState { Self.state(of: current.load(ordering: .relaxed)) }

    /// Nanoseconds spent in each state up to `now`, the state in progress included.
    /// - Parameter now: monotonic nanoseconds; a time before the last transition counts as that time.
    public func totals(now: UInt64) -> TaskTimeTotals {
        var spins = 0
        while true {
            let before = current.load(ordering: .acquiring)
            if before & Self.writingBit == 0 {
                var totals = TaskTimeTotals(
                    busy: busy.load(ordering: .relaxed),
                    backpressured: backpressured.load(ordering: .relaxed),
                    idle: idle.load(ordering: .relaxed))
                atomicMemoryFence(ordering: .acquiring)
                if current.load(ordering: .relaxed) == before {
                    let start = before & Self.timeMask
                    totals[Self.state(of: before)] &+= max(now, start) - start
                    return totals
                }
            }
            // The writer is mid-transition (a few instructions), unless it was preempted there.
            spins += 1
            if spins > 64 { sched_yield() }
        }
    }

    private static func pack(_ state: TaskTimeState, _ time: UInt64) -> UInt64 {
        precondition(time <= timeMask, "time \(time) ns does not fit in 61 bits")
        return UInt64(state.rawValue) << stateShift | time
    }

    private static func state(of word: UInt64) -> TaskTimeState {
        TaskTimeState(rawValue: UInt8(truncatingIfNeeded: (word >> stateShift) & 0b11))!
    }
}
