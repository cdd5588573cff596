import EddyCore
import EddyMemory
import Foundation

/// A split-block Bloom filter (Putze, Sanders, Singler 2007; the layout of Parquet and Impala): blocks
/// of 256 bits as eight 32-bit words; an item sets one bit in each word of one block, chosen by
/// eight odd salts multiplied into the low half of its 64-bit hash, the block by the high half
/// (multiply-shift). One cache line per insert or lookup. Blocks are packed into segments of a
/// ``MemoryOwner``; union is bitwise OR.
///
/// Sized from the expected items and false-positive rate with Parquet's formula
/// `bits = −8 n / ln(1 − p^(1/8))` (1.2 MB for a million items at 1 %).
///
/// Thread-safety: confined to one thread.
public final class SplitBlockBloomFilter: MergeableSketch {
    public static let kind = "bloom"
    /// Bytes of one block.
    public static let blockBytes = 32
    @usableFromInline static let salts: SIMD8<UInt32> = [
        0x47b6_137b, 0x4497_4d91, 0x8824_ad5b, 0xa2b7_289d, 0x7054_95c7, 0x2df1_424b, 0x9efc_4947, 0x5c6b_fb31,
    ]

    public let blockCount: Int
    @usableFromInline let blockCountValue: UInt64
    @usableFromInline let blocksPerSegmentShift: Int
    @usableFromInline let blockMask: Int
    @usableFromInline @exclusivity(unchecked) var segments: [MemorySegment]
    @usableFromInline @exclusivity(unchecked) var dirty: DirtyPageSet
    let owner: MemoryOwner

    /// Blocks for `expectedItems` at `falsePositiveRate`.
    public static func blockCount(expectedItems: Int, falsePositiveRate: Double) -> Int {
        precondition(falsePositiveRate > 0 && falsePositiveRate < 1, "false-positive rate \(falsePositiveRate) outside (0, 1)")
        let bits = -8 * Double(max(expectedItems, 1)) / log(1 - pow(falsePositiveRate, 1.0 / 8))
        return max(1, Int((bits / 256).rounded(.up)))
    }

    /// - Throws: ``MemoryError`` when the owner cannot give the segments.
    public init(blockCount: Int, memory: MemoryOwner) throws(MemoryError) {
        precondition(blockCount >= 1 && blockCount <= Int(UInt32.max), "block count \(blockCount) outside 1...2^32-1")
        self.blockCount = blockCount
        blockCountValue = UInt64(blockCount)
        let perSegment = memory.segmentSize / Self.blockBytes
        blocksPerSegmentShift = perSegment.trailingZeroBitCount
        blockMask = perSegment - 1
        owner = memory
        segments = try memory.allocate(count: (blockCount + perSegment - 1) / perSegment)
        for segment in segments { segment.fill(0) }
        dirty = DirtyPageSet(pageCount: segments.count, allDirty: true)
    }

    public convenience init(expectedItems: Int, falsePositiveRate: Double, memory: MemoryOwner) throws(MemoryError) {
        try self.init(blockCount: Self.blockCount(expectedItems: expectedItems, falsePositiveRate: falsePositiveRate), memory: memory)
    }

    deinit { owner.release(segments) }

    public func releaseMemory() {
        owner.release(segments)
        segments = []
    }

    /// Bits in the filter.
    public var bitCount: Int { blockCount * 256 }
    public var memoryBytes: Int { segments.count * owner.segmentSize }
    public var pageCount: Int { segments.count }

    /// The block and the eight one-bit masks of a hash.
    @inlinable @inline(__always)
    func locate(_ hash: UInt64) -> (segment: Int, offset: Int, masks: SIMD8<UInt32>) {
        let block = Int(truncatingIfNeeded: ((hash &>> 32) &* blockCountValue) &>> 32)
        let key = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: hash))
        let masks = SIMD8<UInt32>(repeating: 1) &<< ((key &* Self.salts) &>> 27)
        return (block &>> blocksPerSegmentShift, (block & blockMask) &* Self.blockBytes, masks)
    }

    /// Adds `key` (hashed with ``Murmur3/hash64(_:seed:)``).
    @inlinable
    public func insert(_ key: UInt64) { insert(hash: Murmur3.hash64(key)) }

    @inlinable
    public func insert(hash: UInt64) { _ = insertReportingChange(hash: hash) }

    /// Adds an item; returns whether a bit changed (false: it was, or looked, present already).
    @inlinable @discardableResult
    public func insertReportingChange(hash: UInt64) -> Bool {
        let (page, offset, masks) = locate(hash)
        let segment = segments[page]
        var changed = false
        for word in 0..<8 {
            let at = offset &+ word &* 4
            let old = segment.get(UInt32.self, at: at)
            let new = old | masks[word]
            if new != old {
                segment.put(new, at: at)
                changed = true
            }
        }
        if changed { dirty.insert(page) }
        return changed
    }

    /// Whether the item may be in the set (false positives at about the designed rate).
    @inlinable
    public func contains(hash: UInt64) -> Bool {
        let (page, offset, masks) = locate(hash)
        let segment = segments[page]
        for word in 0..<8 where segment.get(UInt32.self, at: offset &+ word &* 4) & masks[word] == 0 { return false }
        return true
    }

    public func formUnion(_ other: SplitBlockBloomFilter) {
        precondition(blockCount == other.blockCount, "Bloom filters of \(blockCount) and \(other.blockCount) blocks")
        for page in segments.indices {
            let words = usedBytes(page) / 8
            let changed = other.segments[page].withUnsafeBytes { from in
                segments[page].withUnsafeMutableBytes { into in
                    var changed: UInt64 = 0
                    for i in 0..<words {
                        let a = into.load(fromByteOffset: i * 8, as: UInt64.self)
                        let b = from.load(fromByteOffset: i * 8, as: UInt64.self)
                        changed |= b & ~a
                        into.storeBytes(of: a | b, toByteOffset: i * 8, as: UInt64.self)
                    }
                    return changed != 0
                }
            }
            if changed { dirty.insert(page) }
        }
    }

    public func removeAll() {
        for segment in segments { segment.fill(0) }
        dirty.resize(to: segments.count, allDirty: true)
    }

    /// Bytes of segment `page` that hold blocks.
    func usedBytes(_ page: Int) -> Int {
        let perSegment = blockMask + 1
        return (page == segments.count - 1 ? blockCount - page * perSegment : perSegment) * Self.blockBytes
    }
}
