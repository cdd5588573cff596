/// The RocksDB settings Eddy uses, as a plain value; ``RocksDB/open(path:options:columnFamilies:)``
/// turns it into RocksDB's option objects once per database.
///
/// Defaults follow RocksDB's except where measurements of Debian's 7.8.3 showed a problem: a Bloom
/// filter is on (RocksDB's default table has none, and lookups of missing keys fall to ~42k ops/s),
/// compression is LZ4, and index and filter blocks are charged to the block cache so a shared
/// ``RocksDBCache`` bounds memory.
///
/// Not in RocksDB 7.8's C API, so not here: a `WriteBufferManager` (charging memtables of several
/// databases to one budget or to the block cache). ``dbWriteBufferBytes`` caps memtables per database.
///
/// Thread-safety: a value type; `Sendable`.
public struct RocksDBOptions: Sendable {
    /// How SST files are merged.
    public enum CompactionStyle: Sendable, Hashable {
        /// RocksDB's default: levels 10× apart; an L0→L1 compaction rewrites every L1 file its keys
        /// overlap (with uniformly spread updates: all of them).
        case leveled
        /// Tiered: sorted runs merge only with runs of similar size (`sizeRatioPercent`) until
        /// space amplification exceeds `maxSizeAmplificationPercent`, so small updates leave the big
        /// run's files untouched, which is what incremental checkpoints need.
        case universal(sizeRatioPercent: Int = 1, maxSizeAmplificationPercent: Int = 200)
    }

    /// Block compression of SST files.
    public enum Compression: Sendable, Hashable {
        case none, snappy, lz4, zstd
    }

    /// Create the database directory if it does not exist. Missing column families are always created.
    public var createIfMissing = true
    /// A cache shared with other databases; when nil, the database gets a private cache of
    /// ``blockCacheBytes``.
    public var blockCache: RocksDBCache? = nil
    /// Capacity of the private block cache, used when ``blockCache`` is nil.
    public var blockCacheBytes = 64 << 20
    /// Keep index and filter blocks in the block cache (charged to its budget) rather than on the heap
    /// outside it; level-0 ones stay pinned so the hottest files need no cache lookups for them.
    public var cacheIndexAndFilterBlocks = true
    /// Bloom filter bits per key (10 ≈ 1 % false positives); nil disables the filter.
    public var bloomBitsPerKey: Double? = 10
    /// Size of one memtable per column family before it is switched and flushed.
    public var writeBufferBytes = 64 << 20
    /// Memtables per column family (one active, the rest waiting for flush) before writes stall.
    public var maxWriteBuffers = 2
    /// Cap on all memtables of this database together; 0 means no cap beyond the per-family ones.
    public var dbWriteBufferBytes = 0
    /// Skip the write-ahead log: writes only reach disk at flush or checkpoint. Eddy recovers from its
    /// own checkpoints, so the log is redundant there (take checkpoints with a forced flush, as
    /// ``RocksDB/createCheckpoint(at:)`` does).
    public var disableWAL = false
    /// Block compression.
    public var compression: Compression = .lz4
    /// Threads for flushes and compactions together.
    public var maxBackgroundJobs = 2
    /// Size of SST files at level 1 (larger levels use the same size).
    public var targetFileSizeBase = 64 << 20
    /// Total size of level 1; each further level is 10 times larger.
    public var maxBytesForLevelBase = 256 << 20

    /// Compaction style.
    public var compactionStyle: CompactionStyle = .leveled
    /// Level-0 files (or, for universal compaction, sorted runs) that trigger a compaction.
    public var level0FileNumCompactionTrigger = 4

    public init() {}
}
