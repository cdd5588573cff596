import EddyCore
import EddyState

/// A ``ReducingState`` in RocksDB: read, reduce, write (RocksDB cannot run Swift reduce functions
/// inside a merge operator). An expired stored value counts as absent.
///
/// Thread-safety: confined to the task thread.
final class RocksDBReducingState<NS: Serializer, S: Serializer>: InternalReducingState {
    typealias Namespace = NS.Value
    typealias Value = S.Value

    var name: String { access.name }
    private var access: RocksDBStateAccess<NS>
    private var codec: RocksDBValueCodec<S>
    private let ttl: RocksDBTTLPolicy
    private let reduce: @Sendable (S.Value, S.Value) -> S.Value

    init(access: RocksDBStateAccess<NS>, descriptor: ReducingStateDescriptor<S>, clock: any StateClock) {
        self.access = access
        codec = RocksDBValueCodec(serializer: descriptor.serializer, ttl: descriptor.ttl)
        ttl = RocksDBTTLPolicy(config: descriptor.ttl, clock: clock)
        reduce = descriptor.reduce
    }

    func setCurrentNamespace(_ namespace: NS.Value) { access.setNamespace(namespace) }

    func get() throws -> S.Value? {
        try RocksDBSingleValueRead.read(access: &access, codec: &codec, ttl: ttl)
    }

    func add(_ value: S.Value) throws {
        let key = access.key()
        let current = try RocksDBSingleValueRead.liveValue(at: key, access: access, codec: codec, ttl: ttl)
        let reduced = current.map { reduce($0, value) } ?? value
        try access.put(key, codec.encode(reduced, timestamp: ttl.now()))
    }

    func clear() throws { try access.deleteCurrent() }
}

/// The read path reducing and aggregating states share with value state: decode, drop when
/// expired, refresh on read if configured.
enum RocksDBSingleValueRead {
    static func read<NS: Serializer, S: Serializer>(
        access: inout RocksDBStateAccess<NS>, codec: inout RocksDBValueCodec<S>, ttl: RocksDBTTLPolicy
    ) throws -> S.Value? {
        try read(at: access.key(), access: access, codec: &codec, ttl: ttl)
    }

    static func read<NS: Serializer, S: Serializer>(
        at key: [UInt8], access: RocksDBStateAccess<NS>, codec: inout RocksDBValueCodec<S>, ttl: RocksDBTTLPolicy
    ) throws -> S.Value? {
        guard let record = try access.read(key, codec: codec) else { return nil }
        let now = ttl.now()
        if ttl.isExpired(record.timestamp, now: now) {
            try access.delete(key)
            return ttl.returnsExpired ? record.value : nil
        }
        if ttl.refreshesOnRead { try access.put(key, codec.encode(record.value, timestamp: now)) }
        return record.value
    }

    /// The stored value if live, for read-modify-write (an expired one is simply overwritten).
    static func liveValue<NS: Serializer, S: Serializer>(
        at key: [UInt8], access: RocksDBStateAccess<NS>, codec: RocksDBValueCodec<S>, ttl: RocksDBTTLPolicy
    ) throws -> S.Value? {
        guard let record = try access.read(key, codec: codec) else { return nil }
        return ttl.isExpired(record.timestamp, now: ttl.now()) ? nil : record.value
    }
}
