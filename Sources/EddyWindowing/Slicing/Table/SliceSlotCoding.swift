import EddyCore
import EddyMemory

/// Writes a value into a slice table slot with the accumulator's serializer (big-endian, as every
/// ``BinaryWriter``).
@usableFromInline
struct SliceSlotWriter: BinaryWriter {
    @usableFromInline let segment: MemorySegment
    @usableFromInline var position: Int

    @inlinable
    init(_ slot: SliceSlot) {
        segment = slot.segment
        position = slot.offset
    }

    @inlinable @inline(__always)
    mutating func writeByte(_ byte: UInt8) {
        segment.putByte(byte, at: position)
        position &+= 1
    }

    @inlinable @inline(__always)
    mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        segment.put(value, at: position, byteOrder: .bigEndian)
        position &+= MemoryLayout<T>.size
    }

    @inlinable @inline(__always)
    mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        segment.putBytes(bytes, at: position)
        position &+= bytes.count
    }
}

/// Reads a value from a slice table slot; never past the slot's `valueSize` bytes.
@usableFromInline
struct SliceSlotReader: BinaryReader {
    @usableFromInline let segment: MemorySegment
    @usableFromInline var position: Int
    @usableFromInline let end: Int

    @inlinable
    init(_ slot: SliceSlot, valueSize: Int) {
        segment = slot.segment
        position = slot.offset
        end = slot.offset &+ valueSize
    }

    @inlinable var remainingBytes: Int { end &- position }

    @inlinable @inline(__always)
    mutating func take(_ count: Int) throws(SerializationError) -> Int {
        guard count <= end &- position else {
            throw SerializationError(.truncated, "a slice table value needs \(count) more bytes, \(end - position) are left")
        }
        defer { position &+= count }
        return position
    }

    @inlinable mutating func readByte() throws(SerializationError) -> UInt8 { segment.getByte(at: try take(1)) }

    @inlinable @inline(__always)
    mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
        segment.get(T.self, at: try take(MemoryLayout<T>.size), byteOrder: .bigEndian)
    }

    @inlinable mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] { segment.getBytes(at: try take(count), count: count) }

    @inlinable mutating func readUTF8String(byteCount: Int) throws(SerializationError) -> String {
        let start = try take(byteCount)
        guard let string = segment.getUTF8String(at: start, count: byteCount) else {
            throw SerializationError(.malformed, "\(byteCount) bytes in a slice table value are not UTF-8")
        }
        return string
    }

    @inlinable mutating func skip(_ count: Int) throws(SerializationError) { _ = try take(count) }
}
