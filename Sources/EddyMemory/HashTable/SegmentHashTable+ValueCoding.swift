import EddyCore

extension SegmentHashTable {
    /// A writer of serialized bytes into the value at `slot`, from `offset` bytes into it, for
    /// fields a serializer writes (an accumulator); marks the page dirty.
    /// - Precondition: what is written fits the value (checked with `EDDY_INTERNAL_CHECKS`).
    @inlinable @inline(__always)
    public func valueWriter(at slot: HashTableSlot, offset: Int) -> HashTableValueCursor {
        dirty.insert(Int(slot.page))
        return valueReader(at: slot, offset: offset)
    }

    /// A reader of the value at `slot` from `offset` bytes into it, never past the value's end.
    @inlinable @inline(__always)
    public func valueReader(at slot: HashTableSlot, offset: Int) -> HashTableValueCursor {
        HashTableValueCursor(base: bases[Int(slot.page)], position: Int(slot.offset) &+ offset, end: Int(slot.offset) &+ valueWidth)
    }
}

/// Reads and writes big-endian bytes of one hash table value (a ``BinaryReader`` and
/// ``BinaryWriter``); valid while the table neither inserts, removes nor grows. Reads throw
/// `truncated` rather than pass the value's end; writes are checked with `EDDY_INTERNAL_CHECKS`.
public struct HashTableValueCursor: BinaryReader, BinaryWriter {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline var position: Int
    @usableFromInline let end: Int

    @inlinable
    init(base: UnsafeMutableRawPointer, position: Int, end: Int) {
        self.base = base
        self.position = position
        self.end = end
    }

    @inlinable public var remainingBytes: Int { end &- position }

    @inlinable @inline(__always)
    mutating func take(_ count: Int) throws(SerializationError) -> Int {
        guard count <= end &- position else {
            throw SerializationError(.truncated, "a hash table value needs \(count) more bytes, \(end - position) are left")
        }
        defer { position &+= count }
        return position
    }

    @inlinable
    public mutating func readByte() throws(SerializationError) -> UInt8 {
        base.load(fromByteOffset: try take(1), as: UInt8.self)
    }

    @inlinable @inline(__always)
    public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
        T(bigEndian: base.loadUnaligned(fromByteOffset: try take(MemoryLayout<T>.size), as: T.self))
    }

    @inlinable
    public mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] {
        let start = try take(count)
        return (0..<count).map { base.load(fromByteOffset: start + $0, as: UInt8.self) }
    }

    @inlinable
    public mutating func readUTF8String(byteCount: Int) throws(SerializationError) -> String {
        guard let string = String(validating: try readBytes(count: byteCount), as: UTF8.self) else {
            throw SerializationError(.malformed, "\(byteCount) bytes in a hash table value are not UTF-8")
        }
        return string
    }

    @inlinable public mutating func skip(_ count: Int) throws(SerializationError) { _ = try take(count) }

    @inlinable @inline(__always)
    func check(_ count: Int) {
        #if EDDY_INTERNAL_CHECKS
        precondition(position + count <= end, "a hash table value write of \(count) bytes passes the value's end")
        #endif
    }

    @inlinable @inline(__always)
    public mutating func writeByte(_ byte: UInt8) {
        check(1)
        base.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
        position &+= 1
    }

    @inlinable @inline(__always)
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        check(MemoryLayout<T>.size)
        base.storeBytes(of: value.bigEndian, toByteOffset: position, as: T.self)
        position &+= MemoryLayout<T>.size
    }

    @inlinable
    public mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        check(bytes.count)
        for byte in bytes {
            base.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
            position &+= 1
        }
    }
}
