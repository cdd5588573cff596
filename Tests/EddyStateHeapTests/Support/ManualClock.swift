import EddyState
import Synchronization

/// A clock tests advance by hand (Flink's `TtlTimeProvider` in tests).
///
/// Thread-safety: one mutex; read by the task thread while the test advances it.
final class ManualClock: StateClock {
    private let now: Mutex<Int64>

    init(_ start: Int64 = 1_000) { now = Mutex(start) }

    func currentTimeMillis() -> Int64 { now.withLock { $0 } }

    func advance(by milliseconds: Int64) { now.withLock { $0 += milliseconds } }
}
