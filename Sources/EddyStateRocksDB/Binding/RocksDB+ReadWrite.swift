import CRocksDB

/// Point reads and writes. Keys and values are any `Collection<UInt8>`; contiguous ones (`[UInt8]`,
/// slices, `UnsafeRawBufferPointer`) are passed to RocksDB without copying, and the shared option
/// objects are reused, so a write allocates nothing on the Swift side and a read only its result.
///
/// Thread-safety: all of these may run concurrently from several threads (see ``RocksDB``).
extension RocksDB {
    /// Stores `value` under `key` in `family`, replacing any previous value.
    public func put(_ key: some Collection<UInt8>, _ value: some Collection<UInt8>, in family: RocksDBColumnFamily)
        throws
    {
        let db = self.db
        try withContiguousBytes(key) { key in
            try withContiguousBytes(value) { value in
                try RocksDBError.check(path: path) { errptr in
                    rocksdb_put_cf(
                        db, native.write, family.handle, key.cChars, key.count, value.cChars, value.count, errptr)
                }
            }
        }
    }

    /// The value stored under `key` in `family`, copied into a new array; nil if there is none.
    public func get(_ key: some Collection<UInt8>, in family: RocksDBColumnFamily) throws -> [UInt8]? {
        try withValue(forKey: key, in: family) { Array($0) }
    }

    /// Calls `body` with the value stored under `key` without copying it; returns nil (without calling
    /// `body`) if there is none.
    ///
    /// The value is pinned in the block cache or memtable (`rocksdb_get_pinned_cf`) only while `body`
    /// runs: do not let the buffer escape.
    public func withValue<R>(
        forKey key: some Collection<UInt8>, in family: RocksDBColumnFamily,
        _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        let db = self.db
        let slice = try withContiguousBytes(key) { key in
            try RocksDBError.check(path: path) { errptr in
                rocksdb_get_pinned_cf(db, native.read, family.handle, key.cChars, key.count, errptr)
            }
        }
        guard let slice else { return nil }
        defer { rocksdb_pinnableslice_destroy(slice) }
        var length = 0
        let bytes = rocksdb_pinnableslice_value(slice, &length)
        return try body(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// Removes `key` from `family` (a no-op if it is absent).
    public func delete(_ key: some Collection<UInt8>, in family: RocksDBColumnFamily) throws {
        let db = self.db
        try withContiguousBytes(key) { key in
            try RocksDBError.check(path: path) { errptr in
                rocksdb_delete_cf(db, native.write, family.handle, key.cChars, key.count, errptr)
            }
        }
    }

    /// Removes every key in `start..<end` from `family` with one range tombstone, whatever the number
    /// of keys (their space is reclaimed by compaction).
    public func deleteRange(
        from start: some Collection<UInt8>, to end: some Collection<UInt8>, in family: RocksDBColumnFamily
    ) throws {
        let db = self.db
        try withContiguousBytes(start) { start in
            try withContiguousBytes(end) { end in
                try RocksDBError.check(path: path) { errptr in
                    rocksdb_delete_range_cf(
                        db, native.write, family.handle, start.cChars, start.count, end.cChars, end.count, errptr)
                }
            }
        }
    }

    /// Applies every operation of `batch` atomically: readers see all of them or none.
    ///
    /// The batch is left as it was; ``RocksDBWriteBatch/clear()`` it to reuse it.
    public func write(_ batch: RocksDBWriteBatch) throws {
        let db = self.db
        try RocksDBError.check(path: path) { errptr in rocksdb_write(db, native.write, batch.handle, errptr) }
    }
}

extension RocksDB {
    /// Adds `operand` to the value under `key` through the family's merge operator, without
    /// reading it (a blind write). The family must have been created with a merge operator.
    public func merge(_ key: some Collection<UInt8>, _ operand: some Collection<UInt8>, in family: RocksDBColumnFamily)
        throws
    {
        let db = self.db
        try withContiguousBytes(key) { key in
            try withContiguousBytes(operand) { operand in
                try RocksDBError.check(path: path) { errptr in
                    rocksdb_merge_cf(
                        db, native.write, family.handle, key.cChars, key.count, operand.cChars, operand.count, errptr)
                }
            }
        }
    }
}

extension RocksDB {
    /// Calls `body` with the value under `key` as a ``RocksDBSlice`` (decode it with
    /// ``RocksDBSlice/reader(from:)``) without copying it; nil, without calling `body`, when absent.
    /// The slice is valid only inside `body`.
    public func withValueSlice<R>(
        forKey key: some Collection<UInt8>, in family: RocksDBColumnFamily, _ body: (RocksDBSlice) throws -> R
    ) throws -> R? {
        try withValue(forKey: key, in: family) { buffer in try body(RocksDBSlice(buffer)) }
    }
}
