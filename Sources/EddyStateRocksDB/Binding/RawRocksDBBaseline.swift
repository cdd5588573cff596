import CRocksDB

/// Bare RocksDB through its C API with 8-byte keys and values: no key groups, no serializers, no
/// state layer. The baseline `eddy bench state` measures the RocksDB backend against, in the same
/// run and with the same options.
///
/// Thread-safety: one thread (the key and value buffers are reused).
public final class RawRocksDBBaseline {
    private let database: OpaquePointer
    private let native: RocksDBOptions.Native
    private var key: UInt64 = 0
    private var value: UInt64 = 0
    public let path: String

    /// Opens (creating) a database at `path` with `options`.
    public init(path: String, options: RocksDBOptions) throws {
        self.path = path
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

    /// Puts `value` under `key` (both 8 bytes, big-endian).
    public func put(_ key: Int64, _ value: Int64) {
        self.key = UInt64(bitPattern: key).bigEndian
        self.value = UInt64(bitPattern: value).bigEndian
        var error: UnsafeMutablePointer<CChar>?
        withUnsafeBytes(of: &self.key) { k in
            withUnsafeBytes(of: &self.value) { v in
                rocksdb_put(
                    database, native.write, k.baseAddress!.assumingMemoryBound(to: CChar.self), 8,
                    v.baseAddress!.assumingMemoryBound(to: CChar.self), 8, &error)
            }
        }
        if let error { fatalError("baseline put failed: \(String(cString: error))") }
    }

    /// The value under `key`, or nil.
    public func get(_ key: Int64) -> Int64? {
        self.key = UInt64(bitPattern: key).bigEndian
        var error: UnsafeMutablePointer<CChar>?
        var length = 0
        let result = withUnsafeBytes(of: &self.key) { k in
            rocksdb_get(database, native.read, k.baseAddress!.assumingMemoryBound(to: CChar.self), 8, &length, &error)
        }
        if let error { fatalError("baseline get failed: \(String(cString: error))") }
        guard let result else { return nil }
        defer { rocksdb_free(result) }
        guard length == 8 else { return nil }
        return Int64(bigEndian: UnsafeRawPointer(result).loadUnaligned(as: Int64.self))
    }

    /// Flushes the memtable (so reads come from SST files, as for a large state).
    public func flush() {
        var error: UnsafeMutablePointer<CChar>?
        rocksdb_flush(database, native.flush, &error)
        if let error { rocksdb_free(error) }
    }
}
