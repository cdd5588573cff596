/// A fixed-size page of raw memory: the unit Eddy manages memory in (32 KiB by default).
///
/// Modelled on swift-nio's `ByteBuffer`: a struct over a `final class` that owns the pointer, so the
/// memory is freed exactly once, when the last copy goes. Segments from a ``MemoryManager`` are never
/// freed while the manager lives: they are recycled between owners.
///
/// Offsets are checked against the size in debug builds (`EDDY_INTERNAL_CHECKS`); in release builds an
/// out-of-bounds offset is undefined behaviour, as it is for Flink's `MemorySegment`.
///
/// Thread-safety: a segment has one owner at a time; hand it over (through a queue with a lock or a
/// channel) rather than sharing it. It is `Sendable` for that hand-over.
public struct MemorySegment: @unchecked Sendable {  // one owner at a time, handed over through locks
    /// 32 KiB, Flink's network buffer size.
    public static let defaultSize = 32 * 1024
    /// Sizes a segment may have: a power of two from 4 KiB to 1 MiB.
    public static let allowedSizes: ClosedRange<Int> = 4 * 1024...1024 * 1024

    @usableFromInline let storage: Storage
    /// Cached from `storage` so the hot path loads no class field.
    @usableFromInline let base: UnsafeMutableRawPointer
    /// The segment's size in bytes.
    public let size: Int

    /// Allocates a zero-filled segment.
    /// - Parameter size: a power of two within ``allowedSizes``.
    public init(size: Int = MemorySegment.defaultSize) {
        precondition(
            MemorySegment.isValidSize(size),
            "segment size \(size) is not a power of two from 4 KiB to 1 MiB")
        let storage = Storage(size: size)
        self.storage = storage
        self.base = storage.base
        self.size = size
    }

    /// Whether `size` is a power of two within ``allowedSizes``.
    public static func isValidSize(_ size: Int) -> Bool {
        allowedSizes.contains(size) && size & (size - 1) == 0
    }

    /// An identity for the underlying memory: equal for copies of the same segment.
    public var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    @inlinable @inline(__always)
    func checkBounds(_ offset: Int, _ count: Int) {
        #if EDDY_INTERNAL_CHECKS
        precondition(
            offset >= 0 && count >= 0 && offset <= size - count,
            "segment access [\(offset), \(offset + count)) outside [0, \(size))")
        #endif
    }

    /// Owns the memory. Aligned to 64 bytes (a cache line) so hash tables laid out in segments
    /// can align their buckets.
    @usableFromInline
    final class Storage {
        @usableFromInline let base: UnsafeMutableRawPointer
        let size: Int
        /// Position in the creating ``MemoryManager``'s tables; -1 for a segment made on its own.
        /// Written once, by the manager under its lock, before the segment is handed out.
        var managerIndex = -1

        init(size: Int) {
            self.size = size
            base = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
            base.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        }

        deinit { base.deallocate() }
    }
}
