import EddyMemory
import EddyCore
import EddyState

/// All entries of one registered state: one ``KeyGroupMap`` per key group of the backend's range
/// (Flink's `CopyOnWriteStateTable`), the serializers to snapshot them, and the TTL.
///
/// The state classes call the access helpers here with concrete generic types, so the per-record
/// path has no existential: a table lookup or update in the current key group's map. The
/// helpers are inlinable (see ``StateKey``) so they specialize with the state handle.
///
/// Thread-safety: confined to the task thread; snapshots take copies (``snapshot(keyGroupIndices:)``).
@usableFromInline
final class HeapStateTable<KS: Serializer, NS: Serializer, C: HeapEntryCodec>
where KS.Value: Hashable, NS.Value: Hashable {
    @usableFromInline typealias Map = KeyGroupMap<KS.Value, NS.Value, C.Entry>
    @usableFromInline typealias Address = StateKey<KS.Value, NS.Value>

    @usableFromInline let name: String
    @usableFromInline let codec: C
    let keySerializer: KS
    let namespaceSerializer: NS
    @usableFromInline let ttl: StateTTLConfig?
    @usableFromInline let context: HeapKeyContext<KS.Value>
    /// Indexed by key group - range start.
    @usableFromInline let maps: [Map]
    /// The same maps unretained, for the per-access path: `maps` keeps them alive as long as the
    /// table, so an access need not retain and release the map it touches.
    @usableFromInline let unretainedMaps: [Unmanaged<Map>]
    /// Incremental TTL cleanup's position: the key group being swept and the keys still to check.
    var cleanupKeyGroupIndex: Int
    var cleanupKeys: [Address] = []
    var cleanupPosition = 0
    /// Incremental mode: the dirty sets moved out of the maps by snapshots not yet subsumed by a
    /// completed checkpoint.
    var dirtySegments = DirtySegments<KS.Value, NS.Value>()
    /// Where the last ``readValue(_:)`` or ``write(_:_:)`` found or put its entry, so that a write
    /// to the same address right after (read-modify-write) stores into that bucket without looking
    /// the key up again. Anything else that may move entries (an insert through ``modify``, a
    /// removal) clears it; copy-on-write copies keep bucket positions. Only set for states without
    /// a TTL (whose tables TTL cleanup never changes behind it).
    @usableFromInline @exclusivity(unchecked) var lastFound: (address: Address, bucket: Int)?

    init(name: String, codec: C, keySerializer: KS, namespaceSerializer: NS, ttl: StateTTLConfig?, context: HeapKeyContext<KS.Value>) {
        self.name = name
        self.codec = codec
        self.keySerializer = keySerializer
        self.namespaceSerializer = namespaceSerializer
        self.ttl = ttl
        self.context = context
        maps = (0..<context.keyGroupRange.count).map { _ in Map() }
        unretainedMaps = maps.map { Unmanaged.passUnretained($0) }
        // The first sweep step advances to index 0.
        cleanupKeyGroupIndex = maps.count - 1
    }

    @inlinable
    var currentMap: Map { maps[context.keyGroupIndex] }

    /// Runs `body` on the current key group's map without retaining it.
    @inlinable
    func withCurrentMap<R>(_ body: (Map) throws -> R) rethrows -> R {
        try unretainedMaps[context.keyGroupIndex]._withUnsafeGuaranteedRef(body)
    }

    /// The current key's address under `namespace`.
    @inlinable
    func address(_ namespace: NS.Value) -> Address {
        StateKey(key: context.key, namespace: namespace, keyHash: context.keyHash)
    }

    /// The address of any key (restore), hashed as `setCurrentKey` hashes the current one.
    func address(key: KS.Value, namespace: NS.Value) -> Address {
        var hasher = KeyHashWriter(point: context.hashPoint)
        keySerializer.serialize(key, to: &hasher)
        return StateKey(key: key, namespace: namespace, keyHash: hasher.tableHash)
    }

    /// The timestamp a write stores: now for TTL states, 0 otherwise (no clock read).
    @inlinable
    func writeTimestamp() -> Int64 { ttl == nil ? 0 : context.clock.currentTimeMillis() }

    /// Runs the incremental cleanup step that every access of a TTL state does.
    @inlinable
    func accessed() {
        if let ttl, ttl.incrementalCleanupSize > 0 { cleanupIncrementally(ttl) }
    }

    /// Records that the entry at `address` of `map` changed, for the next delta file: one set
    /// insert in incremental mode once tracking started, a branch otherwise.
    @inlinable
    func markChanged(_ address: Address, in map: Map) {
        if context.tracksKeys { map.dirty.insert(address) }
    }

    /// Replaces the current key's entry under `namespace`.
    /// - Complexity: O(1); no lookup right after a ``readValue(_:)`` of the same address.
    @inlinable @inline(__always)
    func write(_ entry: C.Entry, _ namespace: NS.Value) {
        accessed()
        let key = address(namespace)
        withCurrentMap { map in
            if let lastFound, lastFound.address == key {
                map.entries[valueAt: lastFound.bucket] = entry
            } else {
                // An insert may grow the table and move other entries, but not this one again.
                let bucket = map.entries.updateValue(entry, forKey: key)
                if ttl == nil { lastFound = (key, bucket) }
            }
            markChanged(key, in: map)
        }
    }

    /// Mutates the current key's entry under `namespace` in place, creating it first if absent.
    @inlinable
    func modify(_ namespace: NS.Value, default make: @autoclosure () -> C.Entry, _ body: (inout C.Entry) -> Void) {
        accessed()
        let key = address(namespace)
        lastFound = nil
        withCurrentMap { map in
            body(&map.entries[key, default: make()])
            markChanged(key, in: map)
        }
    }

    /// Removes the current key's entry under `namespace`.
    @inlinable
    func remove(_ namespace: NS.Value) {
        accessed()
        let key = address(namespace)
        lastFound = nil
        withCurrentMap { map in
            if map.entries.removeValue(forKey: key) != nil { markChanged(key, in: map) }
        }
    }

    /// Reads the current key's entry under `namespace` with TTL rules (Flink's
    /// `getWithTtlCheckAndUpdate`): expired parts are removed now (lazy cleanup) and returned only
    /// with `.returnExpiredIfNotCleanedUp`; with `.onReadAndWrite` and `refresh`, the live parts'
    /// timestamps are refreshed.
    /// - Parameter refresh: sets every timestamp of an entry to the given time; nil reads without
    ///   refreshing (a read that is followed by a write anyway).
    @inlinable
    func read(_ namespace: NS.Value, refresh: ((inout C.Entry, Int64) -> Void)?) -> C.Entry? {
        let key = address(namespace)
        guard let ttl else { return withCurrentMap { $0.entries[key] } }
        return read(key, ttl: ttl, refresh: refresh)
    }

    /// ``read(_:refresh:)`` of a TTL state. Out of line so that the lookup without a TTL, the
    /// common case, inlines into the state's method whole.
    @inlinable @inline(never)
    func read(_ key: Address, ttl: StateTTLConfig, refresh: ((inout C.Entry, Int64) -> Void)?) -> C.Entry? {
        accessed()
        let map = currentMap
        guard let entry = map.entries[key] else { return nil }
        let now = context.clock.currentTimeMillis()
        let refreshing = ttl.updateType == .onReadAndWrite ? refresh : nil
        switch codec.expiry(of: entry, ttl: ttl, now: now) {
        case .live:
            if let refreshing {
                refreshing(&map.entries[key]!, now)
                markChanged(key, in: map)
            }
            return entry
        case .expired:
            map.entries[key] = nil
            markChanged(key, in: map)
            return ttl.visibility == .returnExpiredIfNotCleanedUp ? entry : nil
        case .partly(var live):
            refreshing?(&live, now)
            map.entries[key] = live
            markChanged(key, in: map)
            return ttl.visibility == .returnExpiredIfNotCleanedUp ? entry : live
        }
    }
}
