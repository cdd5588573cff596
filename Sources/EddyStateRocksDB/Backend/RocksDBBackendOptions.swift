/// Settings of a ``RocksDBKeyedStateBackend``.
///
/// Memory: the backend reserves ``managedMemoryBytes`` from its `MemoryOwner` up front and sizes
/// RocksDB to fit: ``blockCacheFraction`` of it for the block cache (index and filter blocks
/// included), the rest as the database's cap on all memtables (`db_write_buffer_size`), with each
/// column family's memtable no larger than half that cap. RocksDB's own allocations are thus bounded
/// by configuration, not enforced byte by byte (iterators pin blocks, compactions use buffers).
///
/// Compaction: universal by default, measured to keep most SST files unchanged between
/// checkpoints when a small fraction of keys changes (leveled compaction rewrites every file a
/// flushed file's key range overlaps, and updates spread by key group overlap all of them).
///
/// Thread-safety: a value; `Sendable`.
public struct RocksDBBackendOptions: Sendable {
    /// Bytes reserved from the memory owner for cache and memtables.
    public var managedMemoryBytes = 64 << 20
    /// Share of ``managedMemoryBytes`` given to the block cache.
    public var blockCacheFraction = 0.5
    /// Largest memtable of one column family (capped by the memory budget).
    public var writeBufferBytes = 16 << 20
    public var maxWriteBuffers = 2
    public var compactionStyle: RocksDBOptions.CompactionStyle = .universal()
    public var level0FileNumCompactionTrigger = 4
    public var targetFileSizeBase = 16 << 20
    public var compression: RocksDBOptions.Compression = .lz4
    public var bloomBitsPerKey: Double? = 10

    public init() {}

    /// The database options these settings give.
    func databaseOptions() -> RocksDBOptions {
        var options = RocksDBOptions()
        options.disableWAL = true  // durability comes from checkpoints
        let cache = Int(Double(managedMemoryBytes) * blockCacheFraction)
        let memtables = max(managedMemoryBytes - cache, 1 << 20)
        options.blockCacheBytes = max(cache, 1 << 20)
        options.dbWriteBufferBytes = memtables
        options.writeBufferBytes = max(min(writeBufferBytes, memtables / 2), 64 << 10)
        options.maxWriteBuffers = maxWriteBuffers
        options.compactionStyle = compactionStyle
        options.level0FileNumCompactionTrigger = level0FileNumCompactionTrigger
        options.targetFileSizeBase = targetFileSizeBase
        options.compression = compression
        options.bloomBitsPerKey = bloomBitsPerKey
        return options
    }
}
