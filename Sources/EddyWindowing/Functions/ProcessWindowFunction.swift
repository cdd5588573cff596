/// A function over a whole window when it fires (Flink's `ProcessWindowFunction`): all elements (or
/// the one pre-aggregated value, after a reduce or aggregate), with a context giving the window,
/// the time, per-window and per-key state and side outputs. Emits with
/// ``ProcessWindowContext/collect(_:)``.
///
/// One instance per subtask (the API builds it with a closure), so it may keep fields; keyed data
/// belongs in the context's state.
///
/// Thread-safety: called on the task thread only.
public protocol ProcessWindowFunction<Input, Out, Key, W>: AnyObject {
    associatedtype Input
    associatedtype Out
    associatedtype Key
    associatedtype W: Window

    /// The window fired: `elements` are its contents in arrival order.
    func process(_ key: Key, elements: [Input], context: ProcessWindowContext<Key, W, Out>) throws

    /// The window is cleaned up: clear what was kept in ``ProcessWindowContext/windowState(_:)``.
    func clear(_ key: Key, context: ProcessWindowContext<Key, W, Out>) throws
}

extension ProcessWindowFunction {
    public func clear(_ key: Key, context: ProcessWindowContext<Key, W, Out>) throws {}
}
