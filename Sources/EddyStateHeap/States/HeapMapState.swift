import EddyMemory
import EddyCore
import EddyState

/// Map state on the heap: a dictionary of ``Timestamped`` values per (key, namespace); with a TTL
/// each map entry expires on its own. An empty map is removed, so it has no key.
///
/// Thread-safety: confined to the backend's task thread.
final class HeapMapState<KS: Serializer, NS: Serializer, UKS: Serializer, UVS: Serializer>: InternalMapState
where KS.Value: Hashable, NS.Value: Hashable, UKS.Value: Hashable {
    typealias Namespace = NS.Value
    typealias MapKey = UKS.Value
    typealias MapValue = UVS.Value

    let table: HeapStateTable<KS, NS, MapEntryCodec<UKS, UVS>>
    private var namespace: NS.Value?

    init(table: HeapStateTable<KS, NS, MapEntryCodec<UKS, UVS>>) {
        self.table = table
        namespace = initialNamespace(NS.Value.self)
    }

    var name: String { table.name }

    func setCurrentNamespace(_ namespace: NS.Value) { self.namespace = namespace }

    @inline(__always)
    private var currentNamespace: NS.Value {
        guard let namespace else { namespaceNotSet(name) }
        return namespace
    }

    /// The value under `key` with TTL rules applied to that one map entry.
    /// - Complexity: O(1).
    func get(_ key: UKS.Value) -> UVS.Value? {
        let map = table.currentMap
        let address = table.address(currentNamespace)
        guard let ttl = table.ttl else { return map.entries[address]?[key]?.value }
        table.accessed()
        guard let element = map.entries[address]?[key] else { return nil }
        let now = table.context.clock.currentTimeMillis()
        if ttl.isExpired(timestamp: element.timestamp, now: now) {
            removeMapEntry(key, at: address, in: map)
            return ttl.visibility == .returnExpiredIfNotCleanedUp ? element.value : nil
        }
        if ttl.updateType == .onReadAndWrite {
            map.entries[address]![key]!.timestamp = now
            table.markChanged(address, in: map)
        }
        return element.value
    }

    /// - Complexity: O(1).
    func put(_ key: UKS.Value, _ value: UVS.Value) {
        let timestamp = table.writeTimestamp()
        table.modify(currentNamespace, default: [:]) { $0[key] = Timestamped(value, timestamp) }
    }

    func putAll(_ entries: [UKS.Value: UVS.Value]) {
        guard !entries.isEmpty else { return }
        let timestamp = table.writeTimestamp()
        table.modify(currentNamespace, default: [:]) { map in
            for (key, value) in entries { map[key] = Timestamped(value, timestamp) }
        }
    }

    func remove(_ key: UKS.Value) {
        table.accessed()
        removeMapEntry(key, at: table.address(currentNamespace), in: table.currentMap)
    }

    func contains(_ key: UKS.Value) -> Bool { get(key) != nil }

    /// - Complexity: O(n) to copy the entries out.
    func entries() -> [(key: UKS.Value, value: UVS.Value)] {
        let map = table.read(currentNamespace) { map, now in
            // By index, so the dictionary is updated in place rather than copied.
            var index = map.startIndex
            while index != map.endIndex {
                map.values[index].timestamp = now
                index = map.index(after: index)
            }
        }
        return map?.map { (key: $0.key, value: $0.value.value) } ?? []
    }

    func isEmpty() -> Bool {
        table.read(currentNamespace, refresh: nil)?.isEmpty ?? true
    }

    func clear() { table.remove(currentNamespace) }

    /// Removes one map entry, and the whole map when it was the last.
    private func removeMapEntry(_ key: UKS.Value, at address: StateKey<KS.Value, NS.Value>, in map: KeyGroupMap<KS.Value, NS.Value, [UKS.Value: Timestamped<UVS.Value>]>) {
        guard map.entries[address]?.removeValue(forKey: key) != nil else { return }
        if map.entries[address]?.isEmpty == true { map.entries[address] = nil }
        table.markChanged(address, in: map)
    }

    /// The handle callers get: closures that call this state directly (specialized with it).
    func makeHandle() -> MapStateHandle<NS.Value, UKS.Value, UVS.Value> {
        MapStateHandle(
            name: name, get: { self.get($0) }, put: { self.put($0, $1) }, putAll: { self.putAll($0) },
            remove: { self.remove($0) }, contains: { self.contains($0) }, entries: { self.entries() },
            isEmpty: { self.isEmpty() }, clear: { self.clear() }, scope: { self.setCurrentNamespace($0) })
    }
}
