import EddyMemory

/// A cardinality sketch laid out in segments that two of can be united: what the windowed
/// distinct counters keep per slice and merge into windows (``HyperLogLog``, ``SplitBlockBloomFilter``).
///
/// Thread-safety: confined to one thread.
public protocol MergeableSketch: AnyObject {
    /// A short name of the kind (`hll`, `bloom`), used in snapshot state names.
    static var kind: String { get }
    /// The first bytes of ``serialized()``.
    static var magic: String { get }
    /// Adds an item by its 64-bit hash (``EddyCore/Murmur3/hash64(_:seed:)`` of the key).
    func insert(hash: UInt64)
    /// Makes this sketch the union of itself and `other` (same geometry).
    func formUnion(_ other: Self)
    /// The estimated number of distinct items.
    func estimate() -> Double
    /// The estimated number of distinct items of the union of `sketches`, without building it.
    static func estimateUnion(_ sketches: [Self]) -> Double
    /// Empties the sketch (every page becomes dirty).
    func removeAll()

    /// Snapshot support: geometry bytes, pages (only their used bytes), dirty pages.
    var geometry: [UInt8] { get }
    var pageCount: Int { get }
    func pageBytes(_ index: Int) -> [UInt8]
    func takeDirtyPages() -> [Int]
    /// A sketch from ``serialized()`` bytes, in segments of `memory`.
    init(serialized bytes: [UInt8], memory: MemoryOwner) throws
    /// Bytes of segments held.
    var memoryBytes: Int { get }
    /// Gives every segment back; the sketch is not used afterwards.
    func releaseMemory()
}

extension MergeableSketch {
    /// The whole sketch with a CRC-32C, for storing or sending it on its own (``SketchEncoding``).
    public func serialized() -> [UInt8] {
        SketchEncoding.encode(magic: Self.magic, geometry: geometry, pages: (0..<pageCount).map(pageBytes))
    }
}
