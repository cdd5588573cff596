import CRocksDB

/// Puts and deletes collected in memory and applied atomically by ``RocksDB/write(_:)``.
///
/// A batch copies keys and values when they are added, so the caller's buffers may be reused at once.
/// Column families must belong to the database the batch is written to.
///
/// Thread-safety: a batch is mutable and unsynchronised; one thread at a time. It is `Sendable` only so
/// it can be handed over to another thread (through a lock or a channel), not shared.
public final class RocksDBWriteBatch: @unchecked Sendable {  // one owner at a time; handed over, never shared
    /// `rocksdb_writebatch_t*`
    let handle: OpaquePointer

    public init() { handle = rocksdb_writebatch_create()! }

    deinit { rocksdb_writebatch_destroy(handle) }

    /// Number of operations added since creation or the last ``clear()``.
    public var count: Int { Int(rocksdb_writebatch_count(handle)) }

    /// Empties the batch, keeping its buffer for reuse.
    public func clear() { rocksdb_writebatch_clear(handle) }

    /// Adds a put of `value` under `key` in `family`.
    public func put(_ key: some Collection<UInt8>, _ value: some Collection<UInt8>, in family: RocksDBColumnFamily) {
        withContiguousBytes(key) { key in
            withContiguousBytes(value) { value in
                rocksdb_writebatch_put_cf(handle, family.handle, key.cChars, key.count, value.cChars, value.count)
            }
        }
    }

    /// Adds a delete of `key` in `family`.
    public func delete(_ key: some Collection<UInt8>, in family: RocksDBColumnFamily) {
        withContiguousBytes(key) { key in
            rocksdb_writebatch_delete_cf(handle, family.handle, key.cChars, key.count)
        }
    }

    /// Adds a range tombstone removing every key in `start..<end` of `family`.
    public func deleteRange(
        from start: some Collection<UInt8>, to end: some Collection<UInt8>, in family: RocksDBColumnFamily
    ) {
        withContiguousBytes(start) { start in
            withContiguousBytes(end) { end in
                rocksdb_writebatch_delete_range_cf(
                    handle, family.handle, start.cChars, start.count, end.cChars, end.count)
            }
        }
    }
}
