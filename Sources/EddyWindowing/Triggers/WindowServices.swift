import EddyRuntime
import EddyState

/// What triggers and window functions reach of their operator, with the key type erased: timers
/// of the current key in a window's namespace, keyed state in window namespaces, and the time.
/// Triggers see it through ``TriggerContext``.
///
/// The timer calls are closures made where the operator's key and window types are known, so each
/// runs the timer service's code specialized for them (a subclass overriding methods would run
/// its generic, unspecialized body: the vtable points there).
///
/// Thread-safety: the task thread only.
public final class WindowServices<W: Window> {
    /// State of the current key, one namespace per window.
    @usableFromInline let windowStates: KeyedStateScope<W>
    @usableFromInline let watermark: () -> Int64
    @usableFromInline let processingTime: () -> Int64
    @usableFromInline let registerEventTimer: (W, Int64) -> Void
    @usableFromInline let deleteEventTimer: (W, Int64) -> Void
    @usableFromInline let registerProcessingTimer: (W, Int64) -> Void
    @usableFromInline let deleteProcessingTimer: (W, Int64) -> Void

    /// Services over `timers`, for the key `currentKey` holds.
    @inlinable
    init<Key>(timers: InternalTimerService<Key, W>, clock: any StateClock, windowStates: KeyedStateScope<W>, currentKey: CurrentKey<Key>) {
        self.windowStates = windowStates
        watermark = { timers.currentWatermark }
        processingTime = { clock.currentTimeMillis() }
        registerEventTimer = { timers.registerEventTimeTimer(key: currentKey.key, namespace: $0, time: $1) }
        deleteEventTimer = { timers.deleteEventTimeTimer(key: currentKey.key, namespace: $0, time: $1) }
        registerProcessingTimer = { timers.registerProcessingTimeTimer(key: currentKey.key, namespace: $0, time: $1) }
        deleteProcessingTimer = { timers.deleteProcessingTimeTimer(key: currentKey.key, namespace: $0, time: $1) }
    }

    /// The operator's event time: the last watermark it received.
    @inlinable public var currentWatermark: Int64 { watermark() }
    /// The operator's clock, in milliseconds.
    @inlinable public var currentProcessingTime: Int64 { processingTime() }
}

/// The key of the element or timer a window operator is processing.
///
/// Thread-safety: the task thread only.
@usableFromInline
final class CurrentKey<Key> {
    @usableFromInline var value: Key?

    @inlinable init() {}

    @inlinable var key: Key {
        guard let value else { preconditionFailure("window timer used without a current key") }
        return value
    }
}
