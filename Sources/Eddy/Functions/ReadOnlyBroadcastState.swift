import EddyState

/// A read-only view of a ``BroadcastState``, what the non-broadcast input of a broadcast process
/// function sees (Flink's `ReadOnlyBroadcastState`): only the broadcast input may write, so every
/// subtask keeps the same map.
///
/// Thread-safety: confined to the operator's task thread, as the state is.
public struct ReadOnlyBroadcastState<Key: Hashable, Value> {
    private let state: BroadcastState<Key, Value>

    init(_ state: BroadcastState<Key, Value>) { self.state = state }

    public var name: String { state.name }

    /// The value under `key`, or nil.
    /// - Complexity: O(1) on average.
    public func get(_ key: Key) -> Value? { state.get(key) }

    public func contains(_ key: Key) -> Bool { state.contains(key) }

    /// All entries, in no particular order.
    /// - Complexity: O(n), and copies them.
    public func entries() -> [(key: Key, value: Value)] { state.entries() }

    public func isEmpty() -> Bool { state.isEmpty() }
}
