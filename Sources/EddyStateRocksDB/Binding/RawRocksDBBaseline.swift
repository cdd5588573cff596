import CRocksDB
import EddyCore

/// Bare RocksDB through its C API with 8-byte values under the backend's key layout, a 2-byte key
/// group then the 8-byte key (both big-endian): no serializers, no state objects, no handles. The
/// baseline `eddy bench state` measures the RocksDB backend against, in the same run and with the
/// same options. The key-group prefix is part of the storage layout (ARCHITECTURE.md §4), and it
/// decides how inserts spread over SST files; a baseline without it measured a differently shaped
/// LSM tree, not the state layer's overhead.
///
/// Thread-safety: one thread (the key and value buffers are reused).
public final class RawRocksDBBaseline {
    private let database: OpaquePointer
    private let native: RocksDBOptions.Native
    /// Key group (2 bytes, big-endian) then the key (8 bytes, big-endian).
    private var key: (UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0)
    private var value: UInt64 = 0
    private let maxParallelism: Int
    public let path: String

    /// Opens (creating) a database at `path` with `options`; keys are prefixed with their key group
    /// of `maxParallelism`.
    public init(path: String, options: RocksDBOptions, maxParallelism: Int = KeyGroupRangeAssignment.defaultMaxParallelism) throws {
        self.path = path
        self.maxParallelism = maxParallelism
        native = RocksDBOptions.Native(options)
        var error: UnsafeMutablePointer<CChar>?
        guard let db = rocksdb_open(native.options, path, &error) else {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            if let error { rocksdb_free(error) }
            throw RocksDBError(code: .open, message: message, path: path)
        }
        database = db
    }

    deinit { rocksdb_close(database) }

    /// Writes the 10 key bytes of `key` into the reused buffer.
    private func setKey(_ key: Int64) {
        let group = KeyGroupRangeAssignment.keyGroup(for: key, serializer: IntegerSerializer<Int64>(), maxParallelism: maxParallelism)
        let bits = UInt64(bitPattern: key)
        self.key = (
            UInt16(group).bigEndian, UInt16(truncatingIfNeeded: bits >> 48).bigEndian,
            UInt16(truncatingIfNeeded: bits >> 32).bigEndian, UInt16(truncatingIfNeeded: bits >> 16).bigEndian,
            UInt16(truncatingIfNeeded: bits).bigEndian)
    }

    /// Puts `value` (8 bytes, big-endian) under `key`.
    public func put(_ key: Int64, _ value: Int64) {
        setKey(key)
        self.value = UInt64(bitPattern: value).bigEndian
        var error: UnsafeMutablePointer<CChar>?
        withUnsafeBytes(of: &self.key) { k in
            withUnsafeBytes(of: &self.value) { v in
                rocksdb_put(
                    database, native.write, k.baseAddress!.assumingMemoryBound(to: CChar.self), 10,
                    v.baseAddress!.assumingMemoryBound(to: CChar.self), 8, &error)
            }
        }
        if let error { fatalError("baseline put failed: \(String(cString: error))") }
    }

    /// The value under `key`, or nil.
    public func get(_ key: Int64) -> Int64? {
        setKey(key)
        var error: UnsafeMutablePointer<CChar>?
        var length = 0
        let result = withUnsafeBytes(of: &self.key) { k in
            rocksdb_get(database, native.read, k.baseAddress!.assumingMemoryBound(to: CChar.self), 10, &length, &error)
        }
        if let error { fatalError("baseline get failed: \(String(cString: error))") }
        guard let result else { return nil }
        defer { rocksdb_free(result) }
        guard length == 8 else { return nil }
        return Int64(bigEndian: UnsafeRawPointer(result).loadUnaligned(as: Int64.self))
    }

    /// Flushes the memtable, then waits for background work as
    /// ``RocksDB/flushAndWaitForCompactions(pollMilliseconds:idleLimitMilliseconds:)`` does.
    public func flushAndWaitForCompactions() {
        var error: UnsafeMutablePointer<CChar>?
        rocksdb_flush(database, native.flush, &error)
        if let error { rocksdb_free(error) }
        RocksDB.waitForBackgroundWork(pollMilliseconds: 50, idleLimitMilliseconds: 2000) { name in
            var value: UInt64 = 0
            return rocksdb_property_int(database, name, &value) == 0 ? value : 0
        }
    }
}
