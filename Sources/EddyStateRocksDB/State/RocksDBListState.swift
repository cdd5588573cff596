import EddyCore
import EddyState

/// A ``ListState`` in RocksDB: the value is the elements' records laid end to end
/// (``CanonicalStateFormat``), so `add` is a blind `merge` that RocksDB's concatenation operator
/// resolves on read or compaction. With a TTL each element carries its own timestamp; `get`
/// drops expired elements and writes the survivors back.
///
/// Thread-safety: confined to the task thread.
final class RocksDBListState<NS: Serializer, S: Serializer>: InternalListState {
    typealias Namespace = NS.Value
    typealias Element = S.Value

    var name: String { access.name }
    private var access: RocksDBStateAccess<NS>
    private var codec: RocksDBValueCodec<S>
    private let ttl: RocksDBTTLPolicy

    init(access: RocksDBStateAccess<NS>, descriptor: ListStateDescriptor<S>, clock: any StateClock) {
        self.access = access
        codec = RocksDBValueCodec(serializer: descriptor.elementSerializer, ttl: descriptor.ttl)
        ttl = RocksDBTTLPolicy(config: descriptor.ttl, clock: clock)
    }

    func setCurrentNamespace(_ namespace: NS.Value) { access.setNamespace(namespace) }

    /// - Complexity: one lookup, O(elements) decoding; one write when elements expired or a read
    ///   refreshes timestamps.
    func get() throws -> [S.Value] {
        let key = access.key()
        guard let bytes = try access.get(key) else { return [] }
        var reader = ByteArrayReader(bytes)
        var live: [S.Value] = []
        var expired: [S.Value] = []
        let now = ttl.now()
        do {
            while !reader.isAtEnd {
                let record = try codec.decode(from: &reader)
                if ttl.isExpired(record.timestamp, now: now) {
                    expired.append(record.value)
                } else {
                    live.append(record.value)
                }
            }
        } catch { throw access.corrupt(error) }
        if !expired.isEmpty || (ttl.refreshesOnRead && !live.isEmpty) {
            // Survivors keep their order; refreshing stamps them all with `now`. Without refresh the
            // original timestamps would be lost by re-encoding, so rewrite only the live records.
            if live.isEmpty {
                try access.delete(key)
            } else if ttl.refreshesOnRead {
                try access.put(key, codec.encode(live, timestamp: now))
            } else {
                try access.put(key, try liveRecords(bytes, now: now))
            }
        }
        return ttl.returnsExpired ? try allInOrder(bytes) : live
    }

    /// The live records' original bytes (timestamps kept).
    private func liveRecords(_ bytes: [UInt8], now: Int64) throws -> [UInt8] {
        var reader = ByteArrayReader(bytes)
        var kept: [UInt8] = []
        do {
            while !reader.isAtEnd {
                let start = reader.position
                let record = try codec.decode(from: &reader)
                if !ttl.isExpired(record.timestamp, now: now) { kept += bytes[start..<reader.position] }
            }
        } catch { throw access.corrupt(error) }
        return kept
    }

    private func allInOrder(_ bytes: [UInt8]) throws -> [S.Value] {
        var reader = ByteArrayReader(bytes)
        var all: [S.Value] = []
        do { while !reader.isAtEnd { all.append(try codec.decode(from: &reader).value) } } catch { throw access.corrupt(error) }
        return all
    }

    /// A blind merge: no read.
    func add(_ element: S.Value) throws {
        let key = access.key()
        try access.merge(key, codec.encode(element, timestamp: ttl.now()))
    }

    func addAll(_ elements: [S.Value]) throws {
        guard !elements.isEmpty else { return }
        let key = access.key()
        try access.merge(key, codec.encode(elements, timestamp: ttl.now()))
    }

    func update(_ elements: [S.Value]) throws {
        let key = access.key()
        if elements.isEmpty { return try access.delete(key) }
        try access.put(key, codec.encode(elements, timestamp: ttl.now()))
    }

    func clear() throws { try access.deleteCurrent() }
}
