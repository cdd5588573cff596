/// A sink of serialized bytes: the paged output views over memory segments, a growable byte array,
/// a RocksDB key buffer. Serializers are generic over it, so the per-record path has no existential.
///
/// Integers are written big-endian (network order, as Flink's `DataOutputView`), so serialized
/// non-negative keys sort the same as their values in RocksDB and prefix iteration works.
///
/// Not thread-safe: a writer belongs to one task thread.
public protocol BinaryWriter {
    /// Appends one byte.
    mutating func writeByte(_ byte: UInt8)
    /// Appends `value` big-endian, `T.bitWidth / 8` bytes.
    mutating func writeInteger<T: FixedWidthInteger>(_ value: T)
    /// Appends the bytes as they are.
    mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8
}

extension BinaryWriter {
    /// Appends an unsigned LEB128 varint (1 byte below 128, at most 10 bytes).
    @inlinable
    public mutating func writeVarInt(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            writeByte(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        writeByte(UInt8(truncatingIfNeeded: v))
    }

    @inlinable
    public mutating func writeDouble(_ value: Double) { writeInteger(value.bitPattern) }

    @inlinable
    public mutating func writeFloat(_ value: Float) { writeInteger(value.bitPattern) }
}
