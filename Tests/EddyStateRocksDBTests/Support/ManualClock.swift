import EddyState
import Synchronization

/// A ``StateClock`` tests move by hand (Flink's `ManualTtlTimeProvider`).
final class ManualClock: StateClock {
    private let now: Atomic<Int64>

    init(_ start: Int64 = 1_000) { now = Atomic(start) }

    func currentTimeMillis() -> Int64 { now.load(ordering: .acquiring) }

    func advance(by millis: Int64) { now.add(millis, ordering: .acquiringAndReleasing) }
}
