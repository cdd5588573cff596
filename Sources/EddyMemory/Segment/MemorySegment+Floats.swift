extension MemorySegment {
    @inlinable @inline(__always)
    public func getDouble(at offset: Int, byteOrder: ByteOrder = .littleEndian) -> Double {
        Double(bitPattern: get(UInt64.self, at: offset, byteOrder: byteOrder))
    }

    @inlinable @inline(__always)
    public func putDouble(_ value: Double, at offset: Int, byteOrder: ByteOrder = .littleEndian) {
        put(value.bitPattern, at: offset, byteOrder: byteOrder)
    }

    @inlinable @inline(__always)
    public func getFloat(at offset: Int, byteOrder: ByteOrder = .littleEndian) -> Float {
        Float(bitPattern: get(UInt32.self, at: offset, byteOrder: byteOrder))
    }

    @inlinable @inline(__always)
    public func putFloat(_ value: Float, at offset: Int, byteOrder: ByteOrder = .littleEndian) {
        put(value.bitPattern, at: offset, byteOrder: byteOrder)
    }
}
