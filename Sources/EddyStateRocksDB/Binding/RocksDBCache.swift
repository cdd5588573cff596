import CRocksDB

/// An LRU block cache that several databases can share, so that all their cached blocks (and, with
/// ``RocksDBOptions/cacheIndexAndFilterBlocks``, their index and filter blocks) are charged to one
/// memory budget.
///
/// RocksDB holds the cache through a `shared_ptr`: each database opened with it keeps it alive, so
/// releasing this object while databases still use it is safe.
///
/// Thread-safety: RocksDB's LRU cache is internally synchronised; this wrapper only holds an immutable
/// pointer, so it is `Sendable` and may be used from any thread.
public final class RocksDBCache: @unchecked Sendable {  // the C++ cache is thread-safe; pointer is immutable
    let handle: OpaquePointer  // rocksdb_cache_t*

    /// Creates an LRU cache of `capacityBytes`.
    /// - Parameter strictCapacityLimit: when true, inserts fail (reads go uncached) instead of letting
    ///   the cache grow past its capacity while entries are pinned.
    public init(capacityBytes: Int, strictCapacityLimit: Bool = false) {
        precondition(capacityBytes >= 0, "cache capacity \(capacityBytes) is negative")
        handle =
            strictCapacityLimit
            ? rocksdb_cache_create_lru_with_strict_capacity_limit(capacityBytes)
            : rocksdb_cache_create_lru(capacityBytes)
    }

    deinit { rocksdb_cache_destroy(handle) }

    /// The budget in bytes.
    public var capacity: Int { rocksdb_cache_get_capacity(handle) }
    /// Bytes currently charged to the cache.
    public var usage: Int { rocksdb_cache_get_usage(handle) }
    /// Bytes charged by entries that are in use (pinned) and cannot be evicted.
    public var pinnedUsage: Int { rocksdb_cache_get_pinned_usage(handle) }

    /// Changes the budget; shrinking evicts unpinned entries.
    public func setCapacity(_ bytes: Int) { rocksdb_cache_set_capacity(handle, bytes) }
}
