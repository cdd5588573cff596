/// What triggers and window functions reach of their operator, with the key type erased: timers of
/// the current key in a window's namespace, keyed state in window namespaces, and the time. The
/// window operator subclasses it; triggers see it through ``TriggerContext``.
///
/// Thread-safety: the task thread only.
public class WindowServices<W: Window> {
    /// State of the current key, one namespace per window.
    let windowStates: KeyedStateScope<W>

    init(windowStates: KeyedStateScope<W>) { self.windowStates = windowStates }

    /// The operator's event time: the last watermark it received.
    public var currentWatermark: Int64 { fatalError("abstract") }
    /// The operator's clock, in milliseconds.
    public var currentProcessingTime: Int64 { fatalError("abstract") }

    func registerEventTimeTimer(window: W, time: Int64) { fatalError("abstract") }
    func deleteEventTimeTimer(window: W, time: Int64) { fatalError("abstract") }
    func registerProcessingTimeTimer(window: W, time: Int64) { fatalError("abstract") }
    func deleteProcessingTimeTimer(window: W, time: Int64) { fatalError("abstract") }
}
