import EddyCore
import EddyState

extension HeapKeyedStateBackend {
    /// The keys with an entry in state `stateName` under `namespace`, in no particular order.
    /// Entries that expired but were not cleaned up yet still count.
    /// - Throws: ``StateError``: `.incompatible` when `N` is not the state's namespace type,
    ///   `.invalidState` when the state was restored but is not registered yet (its namespace
    ///   serializer is unknown until then). An unknown state has no keys.
    /// - Complexity: O(entries of the state).
    public func keys<N: Hashable>(stateName: String, namespace: N) throws -> [KS.Value] {
        if let state = registered[stateName] { return try state.table.keys(namespace: namespace) }
        if restored[stateName] != nil {
            throw StateError(.invalidState, "state '\(stateName)' was restored but is not registered yet")
        }
        return []
    }

    /// The keys with an entry in any state, registered or only restored, in key group `keyGroup`.
    /// - Precondition: `keyGroup` is in ``keyGroupRange``.
    /// - Throws: ``StateError`` (`.incompatible`) when a restored key does not decode.
    public func keys(inKeyGroup keyGroup: Int) throws -> [KS.Value] {
        precondition(keyGroupRange.contains(keyGroup), "key group \(keyGroup) is outside \(keyGroupRange)")
        let index = keyGroup - keyGroupRange.start
        var keys: Set<KS.Value> = []
        for state in registered.values { state.table.collectKeys(inKeyGroupIndex: index, into: &keys) }
        for state in restored.values {
            for entry in state.entries[index] {
                do { keys.insert(try parameters.keySerializer.deserialize(Array(entry.key))) } catch {
                    throw StateError(
                        .incompatible, "a key of restored state '\(state.metaInfo.name)' does not decode: \(error.message)",
                        underlying: error)
                }
            }
        }
        return Array(keys)
    }
}
