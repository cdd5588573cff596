import CRocksDB

/// A handle to one column family of an open ``RocksDB``: an independent key space with its own
/// memtables and SST files, sharing the database's write-ahead log and checkpoints.
///
/// Handles are owned by the database and released by ``RocksDB/close()``: using one afterwards, or
/// with another database, is a programming error the binding does not detect.
///
/// Thread-safety: an immutable handle; RocksDB allows concurrent use of a column family handle.
public struct RocksDBColumnFamily: Hashable, @unchecked Sendable {  // the C++ handle is thread-safe
    /// The name it was opened or created with (`"default"` for the default family).
    public let name: String
    /// RocksDB's id for the family, stable for the life of the database directory.
    public let id: UInt32
    /// `rocksdb_column_family_handle_t*`
    let handle: OpaquePointer

    init(name: String, handle: OpaquePointer) {
        self.name = name
        self.id = rocksdb_column_family_handle_get_id(handle)
        self.handle = handle
    }
}
