/// Decides when a window's contents are emitted, as Flink's `Trigger`: called for each element
/// added to a window and for each timer it registered, with a ``TriggerContext`` that gives the
/// window, timers in both time domains and state scoped to (key, window).
///
/// A trigger is one value shared by all keys and windows of a subtask: it keeps what it needs in
/// the context's partitioned state, never in its own fields. `clear` must delete the timers and
/// state it created; the operator calls it when the window is cleaned up (or merged away).
///
/// Thread-safety: called on the task thread; `Sendable` because it is configuration.
public protocol Trigger<Element, W>: Sendable {
    associatedtype Element
    associatedtype W: Window

    /// An element was added to `window`.
    func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult
    /// An event-time timer of this window fired at `time`.
    func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult
    /// A processing-time timer of this window fired at `time`.
    func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult

    /// Whether the trigger supports merging windows (sessions); ``onMerge(window:context:)`` is
    /// then called with the merged windows in ``TriggerContext/mergedWindows``.
    var canMerge: Bool { get }
    /// Windows merged into `window`: re-register timers for it, merge partitioned state.
    func onMerge(window: W, context: TriggerContext<W>) throws
    /// The window is going away: delete its timers and state.
    func clear(window: W, context: TriggerContext<W>) throws

    /// True when the trigger keeps an event-time timer at every window's max timestamp while the
    /// window is open and deletes it in `clear` (``EventTimeTrigger``): without allowed lateness
    /// that timer is the window's cleanup timer, so the operator need not register and delete
    /// the same timer again per element.
    var keepsEventTimeTimerAtWindowEnd: Bool { get }
}

extension Trigger {
    public var canMerge: Bool { false }
    public var keepsEventTimeTimerAtWindowEnd: Bool { false }
    public func onMerge(window: W, context: TriggerContext<W>) throws {
        preconditionFailure("\(Self.self) does not support merging windows")
    }
}
