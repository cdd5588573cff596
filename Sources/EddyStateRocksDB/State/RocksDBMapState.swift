import EddyCore
import EddyState

/// A ``MapState`` in RocksDB: one entry per map key, keyed `keyGroup ‖ key ‖ namespace ‖ map key`,
/// so a map is the key range of its `keyGroup ‖ key ‖ namespace` prefix: `entries()` iterates it,
/// `clear()` drops it with one range tombstone. With a TTL each entry expires on its own.
///
/// Thread-safety: confined to the task thread.
final class RocksDBMapState<NS: Serializer, KS: Serializer, VS: Serializer>: InternalMapState where KS.Value: Hashable {
    typealias Namespace = NS.Value
    typealias MapKey = KS.Value
    typealias MapValue = VS.Value

    var name: String { access.name }
    private var access: RocksDBStateAccess<NS>
    private let keySerializer: KS
    private var codec: RocksDBValueCodec<VS>
    private let ttl: RocksDBTTLPolicy

    init(access: RocksDBStateAccess<NS>, descriptor: MapStateDescriptor<KS, VS>, clock: any StateClock) {
        self.access = access
        keySerializer = descriptor.keySerializer
        codec = RocksDBValueCodec(serializer: descriptor.valueSerializer, ttl: descriptor.ttl)
        ttl = RocksDBTTLPolicy(config: descriptor.ttl, clock: clock)
    }

    func setCurrentNamespace(_ namespace: NS.Value) { access.setNamespace(namespace) }

    func get(_ key: KS.Value) throws -> VS.Value? {
        try RocksDBSingleValueRead.read(
            at: access.key(mapKey: key, serializer: keySerializer), access: access, codec: &codec, ttl: ttl)
    }

    func put(_ key: KS.Value, _ value: VS.Value) throws {
        let storedKey = access.key(mapKey: key, serializer: keySerializer)
        try access.put(storedKey, codec.encode(value, timestamp: ttl.now()))
    }

    func putAll(_ entries: [KS.Value: VS.Value]) throws {
        let batch = RocksDBWriteBatch()
        let now = ttl.now()
        for (key, value) in entries {
            batch.put(access.key(mapKey: key, serializer: keySerializer), codec.encode(value, timestamp: now), in: access.family)
        }
        try access.backend { try access.context.db.write(batch) }
    }

    func remove(_ key: KS.Value) throws {
        let storedKey = access.key(mapKey: key, serializer: keySerializer)
        try access.delete(storedKey)
    }

    func contains(_ key: KS.Value) throws -> Bool { try get(key) != nil }

    /// - Complexity: one prefix scan; expired entries are deleted as they are met.
    func entries() throws -> [(key: KS.Value, value: VS.Value)] {
        var result: [(key: KS.Value, value: VS.Value)] = []
        try scan { key, value in
            result.append((key, value))
            return true
        }
        return result
    }

    func isEmpty() throws -> Bool {
        var empty = true
        try scan { _, _ in
            empty = false
            return false
        }
        return empty
    }

    func clear() throws {
        let prefix = access.key()
        try access.deletePrefix(prefix)
    }

    /// Visits the live entries in map-key byte order until `visit` returns false.
    private func scan(_ visit: (KS.Value, VS.Value) throws -> Bool) throws {
        let prefix = access.key()
        let iterator = access.context.db.makeIterator(in: access.family, prefix: prefix)
        defer { iterator.close() }
        iterator.seekToFirst()
        var expiredKeys: [[UInt8]] = []
        let now = ttl.now()
        do {
            while iterator.isValid {
                let storedKey = iterator.key
                let record = try codec.decode(iterator.value)
                if ttl.isExpired(record.timestamp, now: now) {
                    expiredKeys.append(storedKey)
                    if !ttl.returnsExpired {
                        iterator.next()
                        continue
                    }
                }
                let mapKey = try keySerializer.deserialize(Array(storedKey[prefix.count...]))
                if try !visit(mapKey, record.value) { break }
                iterator.next()
            }
        } catch let error as SerializationError { throw access.corrupt(error) }
        try access.backend { try iterator.checkError() }
        for key in expiredKeys { try access.delete(key) }
    }
}
