import EddyCore

/// An open-addressing hash table from `UInt64` keys to fixed-width values, laid out in 32 KiB
/// segments of a ``MemoryOwner``: no Swift object per entry, memory counted in the budget, pages
/// that snapshot as they are (Flink's `BytesHashMap` / `AbstractBytesHashMap` on memory segments).
///
/// Layout: a bucket is `[control: 1][key: 8, little-endian][value: valueWidth]`; control 0 is an
/// empty bucket, 1 a full one. Each page holds `bucketsPerPage` whole buckets; the table is
/// `pageCount` pages. A key's home bucket comes from its 64-bit Murmur3 hash (``Murmur3/hash64(_:seed:)``):
/// the high 32 bits pick the page and the low 32 bits the bucket within it (multiply-shift, so no
/// power-of-two sizes are needed). Collisions probe linearly to the next bucket, across pages;
/// removal shifts the following entries back (no tombstones).
///
/// Growth doubles the pages once the load passes ``maxLoadFactor``: the new pages are allocated
/// (all or none), every entry is rehashed into them, and the old ones are released. When the owner
/// cannot give the pages the table goes on filling up to ``hardLoadFactor`` and then throws
/// ``MemoryError`` with code `budgetExhausted`, so the caller can spill instead of crashing.
///
/// Pages changed since the last ``takeDirtyPages()`` are tracked for incremental snapshots.
///
/// Thread-safety: confined to one thread (an operator's task thread).
public final class SegmentHashTable {
    /// Bytes of a key.
    public static let keyWidth = 8
    /// Bytes of each value.
    public let valueWidth: Int
    /// Bytes of a bucket: control byte, key and value.
    public let bucketWidth: Int
    @usableFromInline let stride: Int
    /// Buckets in one page.
    public let bucketsPerPage: Int
    /// Load at which the table doubles.
    public let maxLoadFactor: Double
    /// Load beyond which an insert fails when the table cannot grow.
    public let hardLoadFactor: Double
    @usableFromInline let owner: MemoryOwner

    @usableFromInline @exclusivity(unchecked) var pages: [MemorySegment] = []
    /// Base addresses of `pages`, so a probe loads no class field of a segment.
    @usableFromInline @exclusivity(unchecked) var bases: [UnsafeMutableRawPointer] = []
    @usableFromInline @exclusivity(unchecked) var pageCountValue: UInt64 = 0
    @usableFromInline var bucketsPerPageValue: UInt64
    /// Entries.
    public var count: Int { entries }
    @usableFromInline @exclusivity(unchecked) var entries = 0
    /// Inserting at this count first tries to grow.
    @usableFromInline @exclusivity(unchecked) var growthThreshold = 0
    @usableFromInline @exclusivity(unchecked) var dirty: DirtyPageSet

    /// Called before the table grows; returning true means it removed entries (evicted stale ones),
    /// and the table grows only if it is still at its threshold.
    public var beforeGrowth: (() -> Bool)?

    /// - Parameters:
    ///   - valueWidth: bytes per value (1...4096).
    ///   - memory: the owner the pages come from and go back to.
    ///   - initialCapacity: entries the table holds before it first grows.
    /// - Throws: ``MemoryError`` when the owner cannot give the first pages.
    public init(
        valueWidth: Int, memory: MemoryOwner, initialCapacity: Int = 0, maxLoadFactor: Double = 0.75,
        hardLoadFactor: Double = 0.9
    ) throws(MemoryError) {
        precondition(valueWidth >= 1 && valueWidth <= 4096, "value width \(valueWidth) outside 1...4096")
        precondition(maxLoadFactor > 0 && maxLoadFactor <= hardLoadFactor && hardLoadFactor < 1, "load factors must be 0 < max ≤ hard < 1")
        self.valueWidth = valueWidth
        bucketWidth = 1 + Self.keyWidth + valueWidth
        stride = bucketWidth
        bucketsPerPage = memory.segmentSize / bucketWidth
        bucketsPerPageValue = UInt64(bucketsPerPage)
        self.maxLoadFactor = maxLoadFactor
        self.hardLoadFactor = hardLoadFactor
        owner = memory
        let wanted = Int((Double(max(initialCapacity, 1)) / maxLoadFactor).rounded(.up))
        let pageCount = max(1, (wanted + bucketsPerPage - 1) / bucketsPerPage)
        dirty = DirtyPageSet(pageCount: pageCount, allDirty: true)
        install(try Self.cleanPages(pageCount, from: memory))
    }

    deinit { owner.release(pages) }

    /// Gives every page back and empties the table for good (an operator closing before its owner
    /// does). Using the table afterwards is a precondition failure.
    public func releaseMemory() {
        owner.release(pages)
        pages = []
        bases = []
        pageCountValue = 0
        entries = 0
        growthThreshold = Int.max
    }

    /// Buckets in the table.
    public var capacity: Int { pages.count * bucketsPerPage }
    /// Pages (segments) the table holds.
    public var pageCount: Int { pages.count }
    /// Bytes of memory the table holds (whole segments).
    public var memoryBytes: Int { pages.count * owner.segmentSize }
    /// Entries per bucket.
    public var loadFactor: Double { Double(count) / Double(capacity) }

    /// Allocates `count` pages and zeroes them (recycled segments hold their last owner's bytes).
    static func cleanPages(_ count: Int, from owner: MemoryOwner) throws(MemoryError) -> [MemorySegment] {
        let pages = try owner.allocate(count: count)
        for page in pages { page.fill(0) }
        return pages
    }

    /// Makes `newPages` the table's pages (their entries already in place) and sets the threshold.
    func install(_ newPages: [MemorySegment]) {
        pages = newPages
        bases = newPages.map(\.base)
        pageCountValue = UInt64(newPages.count)
        growthThreshold = Int(Double(capacity) * maxLoadFactor)
    }
}

/// Where one entry's value lives: valid until the table next inserts, removes or grows.
public struct HashTableSlot: Hashable, Sendable {
    @usableFromInline let page: Int32
    /// Byte offset of the value within the page.
    @usableFromInline let offset: Int32

    @inlinable init(page: Int, offset: Int) {
        self.page = Int32(truncatingIfNeeded: page)
        self.offset = Int32(truncatingIfNeeded: offset)
    }
}
