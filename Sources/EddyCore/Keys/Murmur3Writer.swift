/// A ``BinaryWriter`` that hashes what is written with ``Murmur3`` (x86 32-bit) instead of storing
/// it: ``finalize()`` equals `Murmur3.hash32` of the same bytes.
///
/// Computing a key's group this way (``KeyGroupRangeAssignment/keyGroup(for:serializer:maxParallelism:)``)
/// serializes the key straight into the hash, with no byte buffer to reset, grow and read back:
/// that buffer used to cost more than the hash on the per-record `setCurrentKey` path.
public struct Murmur3Writer: BinaryWriter {
    @usableFromInline var h: UInt32
    /// Bytes of the unfinished 4-byte block, little-endian (the order the reference reads blocks).
    @usableFromInline var pending: UInt32 = 0
    @usableFromInline var length = 0

    @inlinable
    public init(seed: UInt32 = 0) { h = seed }

    @inlinable
    mutating func mixBlock(_ block: UInt32) {
        h ^= Murmur3.mixK(block)
        h = (h << 13 | h >> 19) &* 5 &+ 0xe654_6b64
    }

    @inlinable
    public mutating func writeByte(_ byte: UInt8) {
        pending |= UInt32(byte) << ((length & 3) << 3)
        length += 1
        if length & 3 == 0 {
            mixBlock(pending)
            pending = 0
        }
    }

    @inlinable
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        // Whole big-endian 32-bit words on a block boundary (the common case: a key that is one
        // integer) are whole blocks: mix them directly rather than byte by byte.
        if length & 3 == 0 && T.bitWidth & 31 == 0 {
            Self.forEachBlock(of: value) { mixBlock($0) }
            length += T.bitWidth >> 3
            return
        }
        Self.forEachByte(of: value) { writeByte($0) }
    }

    /// Calls `body` with the blocks that `value`'s big-endian bytes make (read little-endian, as
    /// the reference reads blocks), for widths that are whole blocks.
    @inlinable
    static func forEachBlock<T: FixedWidthInteger>(of value: T, _ body: (UInt32) -> Void) {
        var shift = T.bitWidth - 32
        while shift >= 0 {
            body(UInt32(truncatingIfNeeded: value >> shift).byteSwapped)
            shift -= 32
        }
    }

    /// Calls `body` with `value`'s bytes, big-endian.
    @inlinable
    static func forEachByte<T: FixedWidthInteger>(of value: T, _ body: (UInt8) -> Void) {
        var shift = T.bitWidth - 8
        while shift >= 0 {
            body(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    @inlinable
    public mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for byte in bytes { writeByte(byte) }
    }

    /// The hash of everything written.
    @inlinable
    public func finalize() -> UInt32 {
        var h = h
        // Tail: the last 0 to 3 bytes, then the length, as the reference.
        if length & 3 != 0 { h ^= Murmur3.mixK(pending) }
        h ^= UInt32(truncatingIfNeeded: length)
        return Murmur3.fmix32(h)
    }
}
