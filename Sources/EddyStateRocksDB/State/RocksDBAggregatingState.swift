import EddyCore
import EddyState

/// An ``AggregatingState`` in RocksDB: the accumulator is stored; `add` reads, adds, writes.
///
/// Thread-safety: confined to the task thread.
final class RocksDBAggregatingState<NS: Serializer, F: AggregateFunction, AS: Serializer>: InternalAggregatingState
where AS.Value == F.Accumulator {
    typealias Namespace = NS.Value
    typealias Input = F.Input
    typealias Output = F.Output

    var name: String { access.name }
    private var access: RocksDBStateAccess<NS>
    private var codec: RocksDBValueCodec<AS>
    private let ttl: RocksDBTTLPolicy
    private let function: F

    init(access: RocksDBStateAccess<NS>, descriptor: AggregatingStateDescriptor<F, AS>, clock: any StateClock) {
        self.access = access
        codec = RocksDBValueCodec(serializer: descriptor.accumulatorSerializer, ttl: descriptor.ttl)
        ttl = RocksDBTTLPolicy(config: descriptor.ttl, clock: clock)
        function = descriptor.function
    }

    func setCurrentNamespace(_ namespace: NS.Value) { access.setNamespace(namespace) }

    func get() throws -> F.Output? {
        try RocksDBSingleValueRead.read(access: &access, codec: &codec, ttl: ttl).map(function.result(of:))
    }

    func add(_ value: F.Input) throws {
        let key = access.key()
        let current = try RocksDBSingleValueRead.liveValue(at: key, access: access, codec: codec, ttl: ttl)
        let accumulator = function.add(value, to: current ?? function.createAccumulator())
        try access.put(key, codec.encode(accumulator, timestamp: ttl.now()))
    }

    func clear() throws { try access.deleteCurrent() }
}
