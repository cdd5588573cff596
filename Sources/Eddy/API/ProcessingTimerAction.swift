import EddyRuntime
import EddyState

/// The periodic work that fires a keyed operator's processing-time timers: due timers fire on
/// the task thread, and the task sleeps until the next one (timers registered in between are
/// seen within 20 ms).
func processingTimerAction<Key: Hashable, Namespace: Hashable>(
    name: String, timers: InternalTimerService<Key, Namespace>, clock: any StateClock,
    advance: @escaping (Int64) throws -> Void
) -> PeriodicAction {
    PeriodicAction(name: "\(name)/processing-timers") { now in
        guard timers.nextProcessingTimerTime != nil else { return now &+ 20_000_000 }
        try advance(clock.currentTimeMillis())
        guard let next = timers.nextProcessingTimerTime else { return nil }
        let wait = Swift.max(next - clock.currentTimeMillis(), 1)
        return now &+ UInt64(wait) * 1_000_000
    }
}
