import CRocksDB

/// A cursor over one column family in key order (bytewise), optionally limited to
/// `lowerBound..<upperBound`.
///
/// Create one with ``RocksDB/makeIterator(in:lowerBound:upperBound:)`` or
/// ``RocksDB/makeIterator(in:prefix:)``, position it with ``seekToFirst()`` or ``seek(to:)``, then
/// loop while ``isValid``, calling ``next()``. When the loop ends, ``checkError()`` tells an exhausted
/// range from a failed read. The iterator reads a consistent snapshot taken at creation.
///
/// The bounds are enforced inside RocksDB (`iterate_lower_bound`/`iterate_upper_bound`), which also
/// lets it skip SST files and tombstones outside them. RocksDB keeps only pointers to the bound bytes
/// and to the read options holding them, so the iterator owns copies of both for its whole life.
///
/// Release the iterator (or call ``close()``) before closing the database: it pins memtables and
/// files, and closing the database under it is a programming error that ``RocksDB/close()`` traps.
///
/// Thread-safety: an iterator is mutable and unsynchronised; one thread at a time. It is `Sendable`
/// only so it can be handed over to another thread, not shared.
public final class RocksDBIterator: @unchecked Sendable {  // one owner at a time; handed over, never shared
    /// Keeps the database open while the iterator lives.
    private let database: RocksDB
    /// `rocksdb_iterator_t*`; nil once closed.
    private var handle: OpaquePointer?
    /// `rocksdb_readoptions_t*` that RocksDB reads the bounds through for the iterator's life.
    private let readOptions: OpaquePointer
    /// Copies of the bounds; RocksDB's `Slice`s point into them.
    private let lower: UnsafeMutableRawBufferPointer?
    private let upper: UnsafeMutableRawBufferPointer?

    init(database: RocksDB, family: RocksDBColumnFamily, lowerBound: [UInt8]?, upperBound: [UInt8]?) {
        self.database = database
        readOptions = rocksdb_readoptions_create()!
        lower = lowerBound.map(Self.copy)
        upper = upperBound.map(Self.copy)
        if let lower { rocksdb_readoptions_set_iterate_lower_bound(readOptions, UnsafeRawBufferPointer(lower).cChars, lower.count) }
        if let upper { rocksdb_readoptions_set_iterate_upper_bound(readOptions, UnsafeRawBufferPointer(upper).cChars, upper.count) }
        database.liveIterators.add(1, ordering: .relaxed)
        handle = rocksdb_create_iterator_cf(database.db, readOptions, family.handle)
    }

    deinit {
        close()
        rocksdb_readoptions_destroy(readOptions)
        lower?.deallocate()
        upper?.deallocate()
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutableRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        buffer.copyBytes(from: bytes)
        return buffer
    }

    /// Releases the RocksDB iterator now rather than when the object goes; idempotent. After it the
    /// iterator is invalid.
    public func close() {
        guard let handle else { return }
        rocksdb_iter_destroy(handle)
        self.handle = nil
        database.liveIterators.subtract(1, ordering: .releasing)
    }

    @inline(__always)
    private var iterator: OpaquePointer {
        guard let handle else { preconditionFailure("RocksDBIterator used after close()") }
        return handle
    }

    /// Whether the iterator is at an entry (within the bounds). False after the last entry, after a
    /// seek past the end, after an error and after ``close()``.
    public var isValid: Bool {
        guard let handle else { return false }
        return rocksdb_iter_valid(handle) != 0
    }

    /// Moves to the first entry (the first at or after the lower bound).
    public func seekToFirst() { rocksdb_iter_seek_to_first(iterator) }

    /// Moves to the last entry (the last before the upper bound).
    public func seekToLast() { rocksdb_iter_seek_to_last(iterator) }

    /// Moves to the first entry whose key is at or after `key`.
    public func seek(to key: some Collection<UInt8>) {
        let iterator = self.iterator
        withContiguousBytes(key) { rocksdb_iter_seek(iterator, $0.cChars, $0.count) }
    }

    /// Moves to the next entry; requires ``isValid``.
    public func next() {
        precondition(isValid, "RocksDBIterator.next() on an invalid iterator")
        rocksdb_iter_next(iterator)
    }

    /// Moves to the previous entry; requires ``isValid``.
    public func previous() {
        precondition(isValid, "RocksDBIterator.previous() on an invalid iterator")
        rocksdb_iter_prev(iterator)
    }

    /// The current key, copied; requires ``isValid``.
    public var key: [UInt8] { withKey { Array($0) } }

    /// The current value, copied; requires ``isValid``.
    public var value: [UInt8] { withValue { Array($0) } }

    /// Calls `body` with the current key without copying it; the buffer is valid only inside `body`
    /// (the next move invalidates it). Requires ``isValid``.
    public func withKey<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(isValid, "RocksDBIterator key read on an invalid iterator")
        var length = 0
        let bytes = rocksdb_iter_key(iterator, &length)
        return try body(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// Calls `body` with the current value without copying it; the buffer is valid only inside `body`.
    /// Requires ``isValid``.
    public func withValue<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(isValid, "RocksDBIterator value read on an invalid iterator")
        var length = 0
        let bytes = rocksdb_iter_value(iterator, &length)
        return try body(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// Throws if the iterator stopped because of an error (I/O, corruption) rather than the end of
    /// its range; call it when ``isValid`` turns false.
    public func checkError() throws {
        guard let handle else { return }
        try RocksDBError.check(path: database.path) { rocksdb_iter_get_error(handle, $0) }
    }
}
