import EddyState
import Synchronization

/// A processing-time clock that moves only when a test says so (Flink's `TtlTimeProvider` in tests).
///
/// Thread-safety: an atomic; a test thread may advance it while a task thread reads it.
public final class ManualStateClock: StateClock {
    private let now: Atomic<Int64>

    public init(startMillis: Int64 = 1_000_000) { now = Atomic(startMillis) }

    public func currentTimeMillis() -> Int64 { now.load(ordering: .relaxed) }

    /// Moves time forward by `millis`.
    public func advance(by millis: Int64) { now.add(millis, ordering: .relaxed) }

    public func set(_ millis: Int64) { now.store(millis, ordering: .relaxed) }
}
