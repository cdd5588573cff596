/// Settings of a ``RocksDBKeyedStateBackend``.
///
/// Memory: the backend reserves ``managedMemoryBytes`` from its `MemoryOwner` up front and sizes
/// RocksDB to fit: ``blockCacheFraction`` of it for the block cache (index and filter blocks
/// included), the rest as the database's cap on all memtables (`db_write_buffer_size`), with each
/// column family's memtable no larger than half that cap. RocksDB's own allocations are thus bounded
/// by configuration, not enforced byte by byte (iterators pin blocks, compactions use buffers).
///
/// Compaction: universal with 8 sorted runs before a merge, by default. Measured
/// (`RocksDBCompactionSharingMeasurement`, 500k keys, 1 MiB memtables and files, 30 checkpoints each
/// after updating 1 % of random keys), share of checkpoint bytes uploaded over the 30 rounds:
/// leveled with RocksDB's trigger of 4 L0 files 20.2 % (every 4th checkpoint re-uploads ~98 %:
/// updates spread by key group overlap every L1 file, so L0→L1 rewrites them all), leveled/8
/// 10.4 %, universal/4 9.8 %, universal/8 3.1 % (most checkpoints 1.1 %, a merge of the small
/// runs now and then), universal/12 4.9 %. Universal compaction still rewrites everything once
/// space amplification passes `maxSizeAmplificationPercent` (200 %: after about as many
/// percent of keys were updated), as any LSM must eventually.
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
    /// Sorted runs (universal) or L0 files (leveled) that trigger a compaction.
    public var level0FileNumCompactionTrigger = 8
    public var targetFileSizeBase = 16 << 20
    public var compression: RocksDBOptions.Compression = .lz4
    public var bloomBitsPerKey: Double? = 10

    public init() {}

    /// The database options these settings give (public so benchmarks can open a bare database
    /// configured exactly as the backend's).
    public func databaseOptions() -> RocksDBOptions {
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
