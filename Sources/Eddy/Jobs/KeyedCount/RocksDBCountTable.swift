import EddyCore
import EddyStateRocksDB

/// Counts per Int64 key in a RocksDB column family, keyed as ARCHITECTURE.md §4 lays keyed state out:
/// `keyGroup (2 bytes, big-endian) ‖ key (8 bytes, big-endian)`, so one key group is one contiguous
/// key range. A read-modify-write per increment, as a Flink `ValueState<Long>` on RocksDB does.
///
/// Not thread-safe: one task thread; the key and value buffers are reused per call.
final class RocksDBCountTable {
    let database: RocksDB
    let family: RocksDBColumnFamily
    let maxParallelism: Int
    private var keyBytes = [UInt8](repeating: 0, count: 10)
    private var valueBytes = [UInt8](repeating: 0, count: 8)
    private var serializedKey = [UInt8](repeating: 0, count: 8)

    init(database: RocksDB, family: RocksDBColumnFamily, maxParallelism: Int) {
        self.database = database
        self.family = family
        self.maxParallelism = maxParallelism
    }

    /// Adds one to `key`'s count.
    func increment(_ key: Int64) throws {
        encodeKey(key)
        let current = try database.withValue(forKey: keyBytes, in: family) { value in
            value.count == 8 ? Int64(bigEndian: value.loadUnaligned(as: Int64.self)) : 0
        } ?? 0
        store(current + 1, into: &valueBytes)
        try database.put(keyBytes, valueBytes, in: family)
    }

    /// Calls `body(key, count)` for every key, in key-group order.
    func forEach(_ body: (Int64, Int64) throws -> Void) throws {
        let iterator = database.makeIterator(in: family)
        defer { iterator.close() }
        iterator.seekToFirst()
        while iterator.isValid {
            let key = iterator.withKey { $0.count == 10 ? Int64(bigEndian: $0.loadUnaligned(fromByteOffset: 2, as: Int64.self)) : nil }
            let count = iterator.withValue { $0.count == 8 ? Int64(bigEndian: $0.loadUnaligned(as: Int64.self)) : nil }
            guard let key, let count else {
                throw KeyedCountError("state entry of unexpected size in column family '\(family.name)'")
            }
            try body(key, count)
            iterator.next()
        }
        try iterator.checkError()
    }

    private func encodeKey(_ key: Int64) {
        store(key, into: &serializedKey)
        let keyGroup = KeyGroupRangeAssignment.keyGroup(forSerializedKey: serializedKey, maxParallelism: maxParallelism)
        keyBytes[0] = UInt8(truncatingIfNeeded: keyGroup >> 8)
        keyBytes[1] = UInt8(truncatingIfNeeded: keyGroup)
        for i in 0..<8 { keyBytes[2 + i] = serializedKey[i] }
    }

    private func store(_ value: Int64, into bytes: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: bits >> (56 - 8 * i)) }
    }
}
