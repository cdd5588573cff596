/// A function over two connected keyed streams with the same key type (Flink's
/// `KeyedCoProcessFunction`): elements of one key reach one subtask from both inputs, where they
/// share keyed state through the context (a join keeps one side in state, the other reads it).
///
/// Thread-safety: as ``CoProcessFunction``: an instance given to `process(_:)` is called by every
/// subtask's thread; keep per-subtask fields (state handles) only in instances made by
/// `process(perSubtask:)`. State itself is per subtask and safe to use from the context.
public protocol KeyedCoProcessFunction<Key, Input1, Input2, Output>: AnyObject {
    associatedtype Key: Hashable
    associatedtype Input1
    associatedtype Input2
    associatedtype Output

    /// Called once per subtask on its task thread, before any element: register state here.
    /// - Throws: anything; the job fails.
    func open(context: KeyedCoProcessContext<Key, Output>) throws

    /// Processes one element of the first input, with the context's key and state set to its key.
    func processElement1(_ value: Input1, context: KeyedCoProcessContext<Key, Output>) throws

    /// Processes one element of the second input, with the context's key and state set to its key.
    func processElement2(_ value: Input2, context: KeyedCoProcessContext<Key, Output>) throws
}

extension KeyedCoProcessFunction {
    public func open(context: KeyedCoProcessContext<Key, Output>) throws {}
}
