/// Byte order of a multi-byte value in a segment.
public enum ByteOrder: Sendable {
    case littleEndian
    case bigEndian
}

extension MemorySegment {
    /// Reads an integer at `offset` (any alignment).
    /// - Complexity: O(1); one unaligned load and at most one byte swap.
    @inlinable @inline(__always)
    public func get<T: FixedWidthInteger>(
        _ type: T.Type, at offset: Int, byteOrder: ByteOrder = .littleEndian
    ) -> T {
        checkBounds(offset, MemoryLayout<T>.size)
        let raw = base.loadUnaligned(fromByteOffset: offset, as: T.self)
        return byteOrder == .littleEndian ? T(littleEndian: raw) : T(bigEndian: raw)
    }

    /// Writes an integer at `offset` (any alignment).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func put<T: FixedWidthInteger>(_ value: T, at offset: Int, byteOrder: ByteOrder = .littleEndian) {
        checkBounds(offset, MemoryLayout<T>.size)
        let raw = byteOrder == .littleEndian ? value.littleEndian : value.bigEndian
        base.storeBytes(of: raw, toByteOffset: offset, as: T.self)
    }

    @inlinable @inline(__always)
    public func getInt64(at offset: Int, byteOrder: ByteOrder = .littleEndian) -> Int64 {
        get(Int64.self, at: offset, byteOrder: byteOrder)
    }

    @inlinable @inline(__always)
    public func putInt64(_ value: Int64, at offset: Int, byteOrder: ByteOrder = .littleEndian) {
        put(value, at: offset, byteOrder: byteOrder)
    }

    @inlinable @inline(__always)
    public func getInt32(at offset: Int, byteOrder: ByteOrder = .littleEndian) -> Int32 {
        get(Int32.self, at: offset, byteOrder: byteOrder)
    }

    @inlinable @inline(__always)
    public func putInt32(_ value: Int32, at offset: Int, byteOrder: ByteOrder = .littleEndian) {
        put(value, at: offset, byteOrder: byteOrder)
    }

    @inlinable @inline(__always)
    public func getByte(at offset: Int) -> UInt8 {
        checkBounds(offset, 1)
        return base.load(fromByteOffset: offset, as: UInt8.self)
    }

    @inlinable @inline(__always)
    public func putByte(_ value: UInt8, at offset: Int) {
        checkBounds(offset, 1)
        base.storeBytes(of: value, toByteOffset: offset, as: UInt8.self)
    }
}
