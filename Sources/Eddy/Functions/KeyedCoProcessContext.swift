import EddyCore
import EddyRuntime
import EddyState

/// The context of a ``KeyedCoProcessFunction``: a ``CoProcessContext`` plus the key of the element
/// being processed and the subtask's keyed state, scoped to that key. Both inputs share the state:
/// what input 1 stores under a key, input 2 reads under the same key.
///
/// Thread-safety: confined to the operator's task thread, as its state backend is.
public final class KeyedCoProcessContext<Key: Hashable, Out>: CoProcessContext<Out> {
    /// The subtask's keyed state backend (list, map, reducing state: register them here).
    public let keyedStateBackend: any KeyedStateBackend<Key>
    private var key: Key?
    /// Value state handles made so far, by state name (the handle of a name is made once).
    private var valueHandles: [String: AnyObject] = [:]

    init(
        backend: any KeyedStateBackend<Key>, output: Output<Out>, metrics: OperatorMetrics,
        progress: TwoInputProgress<Out>, subtaskIndex: Int, parallelism: Int
    ) {
        keyedStateBackend = backend
        super.init(output: output, metrics: metrics, progress: progress, subtaskIndex: subtaskIndex, parallelism: parallelism)
    }

    /// The key of the element being processed.
    /// - Precondition: called while an element is processed (not in `open`).
    public var currentKey: Key {
        guard let key else { preconditionFailure("currentKey is set only while an element is processed") }
        return key
    }

    /// Sets the key that state accesses address (before each element).
    func setCurrentKey(_ key: Key) {
        self.key = key
        keyedStateBackend.setCurrentKey(key)
    }

    /// The value state named by `descriptor`, for the current key: registered on first use, then
    /// the same handle. For the fastest path fetch handles once in `open(context:)` and keep them.
    /// - Throws: ``StateError`` `.incompatible` when the name is taken by another kind or type.
    /// - Complexity: O(1) on average (a lookup by name after the first call).
    public func state<S: Serializer>(_ descriptor: ValueStateDescriptor<S>) throws -> ValueStateHandle<VoidNamespace, S.Value> {
        if let handle = valueHandles[descriptor.name] {
            guard let typed = handle as? ValueStateHandle<VoidNamespace, S.Value> else {
                throw StateError(
                    .incompatible, "value state '\(descriptor.name)' is registered as \(type(of: handle)), requested for \(S.Value.self)")
            }
            return typed
        }
        let handle = try keyedStateBackend.valueState(descriptor, namespaceSerializer: VoidNamespaceSerializer())
        valueHandles[descriptor.name] = handle
        return handle
    }
}
