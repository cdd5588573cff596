/// Per-record logic on a keyed stream with keyed state and timers, as Flink's `KeyedProcessFunction`.
/// State is scoped to the current key; timers fire `onTimer` with the key that registered them.
///
/// Thread-safety: an instance per subtask, called on its task thread only (the factory passed to
/// `process` makes one per subtask).
public protocol KeyedProcessFunction<Key, Input, Out>: AnyObject {
    associatedtype Key: Hashable
    associatedtype Input
    associatedtype Out
    /// Called once per subtask before any record: create state handles here.
    func open(_ context: KeyedProcessOpenContext<Key>) throws
    func processElement(_ value: Input, context: KeyedProcessContext<Key, Out>) throws
    /// A timer registered for `timestamp` (event or processing time) fired.
    func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Key, Out>) throws
}

extension KeyedProcessFunction {
    public func open(_ context: KeyedProcessOpenContext<Key>) throws {}
    public func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Key, Out>) throws {}
}

/// Event time or processing time.
public enum TimeDomain: Sendable, Hashable {
    case eventTime
    case processingTime
}
