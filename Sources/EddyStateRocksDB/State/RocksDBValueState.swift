import EddyCore
import EddyState

/// A ``ValueState`` in RocksDB: one entry per (key group, key, namespace); value bytes per
/// ``CanonicalStateFormat``. An expired value is deleted when read (lazy cleanup), and by the
/// compaction filter otherwise.
///
/// Thread-safety: confined to the task thread.
final class RocksDBValueState<NS: Serializer, S: Serializer>: InternalValueState {
    typealias Namespace = NS.Value
    typealias Value = S.Value

    var name: String { access.name }
    private var access: RocksDBStateAccess<NS>
    private var codec: RocksDBValueCodec<S>
    private let ttl: RocksDBTTLPolicy
    private let defaultValue: S.Value?

    init(access: RocksDBStateAccess<NS>, descriptor: ValueStateDescriptor<S>, clock: any StateClock) {
        self.access = access
        codec = RocksDBValueCodec(serializer: descriptor.serializer, ttl: descriptor.ttl)
        ttl = RocksDBTTLPolicy(config: descriptor.ttl, clock: clock)
        defaultValue = descriptor.defaultValue
    }

    func setCurrentNamespace(_ namespace: NS.Value) { access.setNamespace(namespace) }

    /// - Complexity: one point lookup (plus a write when the value expired or a read refreshes it).
    func value() throws -> S.Value? {
        try RocksDBSingleValueRead.read(access: &access, codec: &codec, ttl: ttl) ?? defaultValue
    }

    func update(_ value: S.Value?) throws {
        let key = access.key()
        guard let value else { return try access.delete(key) }
        try access.put(key, codec.encode(value, timestamp: ttl.now()))
    }

    func clear() throws { try access.deleteCurrent() }
}
