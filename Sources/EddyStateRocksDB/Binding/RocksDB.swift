import CRocksDB
import Synchronization

/// An open RocksDB database: the owner of `rocksdb_t*`, its column-family handles and its options.
///
/// Open with ``open(path:options:columnFamilies:)``; read and write with the methods in
/// `RocksDB+ReadWrite.swift`, iterate with ``makeIterator(in:lowerBound:upperBound:)``.
///
/// Thread-safety: RocksDB is thread-safe for concurrent reads and writes, and the option objects
/// shared by calls are only read, so one instance may be used from several threads at once. The
/// exception is ``close()``: call it (or drop the last reference) only when no other thread uses the
/// database, and after every ``RocksDBIterator`` on it is gone — the binding checks the latter.
/// ``RocksDBIterator`` and ``RocksDBWriteBatch`` are single-threaded.
public final class RocksDB: @unchecked Sendable {  // rocksdb_t is thread-safe; close() is documented as exclusive
    /// The database directory.
    public let path: String
    /// Every column family of the database, `"default"` first, then those found on disk, then new ones
    /// (``createColumnFamily(named:configuration:)`` appends; like `close()`, creating is exclusive:
    /// no other thread may read this list meanwhile).
    public private(set) var columnFamilies: [RocksDBColumnFamily]
    /// Options of families with their own merge operator or compaction filter, kept until close.
    private var familyOptions: [RocksDBFamilyOptions] = []
    /// `rocksdb_t*`; nil once closed.
    private var handle: OpaquePointer?
    let native: RocksDBOptions.Native
    /// Iterators not yet released: RocksDB asserts (and Debian's build keeps asserts) if the database
    /// closes under one, so ``close()`` checks this first.
    let liveIterators = Atomic<Int>(0)

    private init(
        path: String, handle: OpaquePointer, native: RocksDBOptions.Native, columnFamilies: [RocksDBColumnFamily],
        familyOptions: [RocksDBFamilyOptions]
    ) {
        self.path = path
        self.handle = handle
        self.native = native
        self.columnFamilies = columnFamilies
        self.familyOptions = familyOptions
    }

    deinit { close() }

    /// Opens (or creates) the database at `path` with at least the named column families.
    ///
    /// RocksDB refuses to open a database without naming every column family it has, so the existing
    /// ones are listed first and opened too; missing ones in `columnFamilies` are created.
    /// - Parameter configure: per-family merge operator and compaction filter, asked for every family
    ///   opened (those found on disk too: a family holding merge operands must be opened with its
    ///   operator); nil or a nil result for the database's shared options.
    /// - Throws: ``RocksDBError`` with code ``RocksDBError/Code/open`` (or `corruption`) and `path`.
    public static func open(
        path: String, options: RocksDBOptions = RocksDBOptions(), columnFamilies: [String] = [],
        configure: ((String) -> RocksDBFamilyConfiguration?)? = nil
    ) throws -> RocksDB {
        let native = RocksDBOptions.Native(options)
        var names = ["default"]
        for name in existingColumnFamilies(path: path, options: native) + columnFamilies
        where !names.contains(name) {
            names.append(name)
        }

        let cNames = names.map(CString.init)
        defer { cNames.forEach { $0.free() } }
        let namePointers: [UnsafePointer<CChar>?] = cNames.map { UnsafePointer($0.pointer) }
        let custom = names.map { name in configure?(name).map { RocksDBFamilyOptions(base: native, configuration: $0) } }
        let familyOptions: [OpaquePointer?] = custom.map { $0?.options ?? native.options }
        var handles = [OpaquePointer?](repeating: nil, count: names.count)
        let db = try RocksDBError.check(path: path, opening: true) { errptr in
            rocksdb_open_column_families(
                native.options, path, Int32(names.count), namePointers, familyOptions, &handles, errptr)
        }
        guard let db else {
            throw RocksDBError(code: .open, message: "rocksdb_open returned no database", path: path)
        }
        let families = zip(names, handles).map { RocksDBColumnFamily(name: $0, handle: $1!) }
        return RocksDB(
            path: path, handle: db, native: native, columnFamilies: families, familyOptions: custom.compactMap { $0 })
    }

    /// The column families stored at `path`; none when there is no database there yet (or it cannot
    /// be read, in which case opening reports the reason).
    private static func existingColumnFamilies(path: String, options: RocksDBOptions.Native) -> [String] {
        var count = 0
        var errptr: UnsafeMutablePointer<CChar>? = nil
        let list = rocksdb_list_column_families(options.options, path, &count, &errptr)
        if let errptr { rocksdb_free(errptr) }
        guard let list else { return [] }
        defer { rocksdb_list_column_families_destroy(list, count) }
        return (0..<count).compactMap { list[$0].map { String(cString: $0) } }
    }

    /// The column family called `name`, if the database has it.
    public func columnFamily(named name: String) -> RocksDBColumnFamily? {
        columnFamilies.first { $0.name == name }
    }

    /// Creates a column family with the database's options changed by `configuration`.
    ///
    /// Exclusive, like ``close()``: no other thread may use ``columnFamilies`` meanwhile.
    /// - Throws: ``RocksDBError`` (the name exists, or RocksDB failed).
    public func createColumnFamily(
        named name: String, configuration: RocksDBFamilyConfiguration? = nil
    ) throws -> RocksDBColumnFamily {
        let custom = configuration.map { RocksDBFamilyOptions(base: native, configuration: $0) }
        let db = self.db
        let handle = try RocksDBError.check(path: path) { errptr in
            rocksdb_create_column_family(db, custom?.options ?? native.options, name, errptr)
        }
        guard let handle else {
            throw RocksDBError(code: .other, message: "no handle for new column family \(name)", path: path)
        }
        let family = RocksDBColumnFamily(name: name, handle: handle)
        columnFamilies.append(family)
        if let custom { familyOptions.append(custom) }
        return family
    }

    /// The `"default"` column family.
    public var defaultColumnFamily: RocksDBColumnFamily { columnFamilies[0] }

    /// Whether ``close()`` has run.
    public var isClosed: Bool { handle == nil }

    /// The open `rocksdb_t*`; using a closed database is a programming error.
    @inline(__always)
    var db: OpaquePointer {
        guard let handle else { preconditionFailure("RocksDB at \(path) used after close()") }
        return handle
    }

    /// Releases the column-family handles, then the database (flushing nothing: with the WAL disabled,
    /// unflushed writes are lost — take a checkpoint or ``flush()`` first). Idempotent.
    ///
    /// Options and the cache are released with this object, after the database, since RocksDB reads
    /// them until it is closed.
    public func close() {
        guard let handle else { return }
        precondition(
            liveIterators.load(ordering: .acquiring) == 0,
            "RocksDB at \(path) closed while iterators are still alive")
        // RocksDB requires the handles to be destroyed before the database that made them.
        for family in columnFamilies { rocksdb_column_family_handle_destroy(family.handle) }
        rocksdb_close(handle)
        self.handle = nil
    }
}

/// A C string copy that outlives a `withCString` scope, for APIs that take arrays of `const char*`.
private struct CString {
    let pointer: UnsafeMutablePointer<CChar>

    init(_ string: String) {
        let utf8 = string.utf8CString
        pointer = .allocate(capacity: utf8.count)
        utf8.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: $0.count) }
    }

    func free() { pointer.deallocate() }
}
