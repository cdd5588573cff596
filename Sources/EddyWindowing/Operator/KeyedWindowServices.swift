import EddyRuntime
import EddyState

/// The window operator's ``WindowServices``: timers of the current key on the operator's timer
/// service, its clock and watermark.
///
/// Thread-safety: the task thread only.
final class KeyedWindowServices<Key: Hashable, W: Window>: WindowServices<W> {
    let timers: InternalTimerService<Key, W>
    let clock: any StateClock
    /// The key of the element or timer being processed.
    var currentKey: Key?

    init(timers: InternalTimerService<Key, W>, clock: any StateClock, windowStates: KeyedStateScope<W>) {
        self.timers = timers
        self.clock = clock
        super.init(windowStates: windowStates)
    }

    private var key: Key {
        guard let currentKey else { preconditionFailure("window timer used without a current key") }
        return currentKey
    }

    override var currentWatermark: Int64 { timers.currentWatermark }
    override var currentProcessingTime: Int64 { clock.currentTimeMillis() }

    override func registerEventTimeTimer(window: W, time: Int64) { timers.registerEventTimeTimer(key: key, namespace: window, time: time) }
    override func deleteEventTimeTimer(window: W, time: Int64) { timers.deleteEventTimeTimer(key: key, namespace: window, time: time) }
    override func registerProcessingTimeTimer(window: W, time: Int64) {
        timers.registerProcessingTimeTimer(key: key, namespace: window, time: time)
    }
    override func deleteProcessingTimeTimer(window: W, time: Int64) {
        timers.deleteProcessingTimeTimer(key: key, namespace: window, time: time)
    }
}
