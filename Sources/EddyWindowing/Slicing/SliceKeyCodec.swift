import EddyCore

/// Turns keys whose serialized form has at most 8 bytes into the `UInt64` keys of slice tables
/// and back: the big-endian serialized bytes, read as one number (so an `Int64` key is its own bit
/// pattern). The key group comes from those same bytes.
public struct SliceKeyCodec<KS: Serializer>: Sendable {
    public let serializer: KS
    public let size: Int

    /// nil when the serializer's keys are not of a fixed size of at most 8 bytes.
    public init?(_ serializer: KS) {
        guard let size = serializer.fixedSize, size <= 8 else { return nil }
        self.serializer = serializer
        self.size = size
    }

    @inline(__always)
    public func encode(_ key: KS.Value) -> UInt64 {
        var writer = PackedKeyWriter()
        serializer.serialize(key, to: &writer)
        return writer.bits
    }

    public func decode(_ bits: UInt64) throws(SerializationError) -> KS.Value {
        var reader = PackedKeyReader(bits: bits, size: size)
        return try serializer.deserialize(from: &reader)
    }

    /// The serialized bytes of the key `bits` stands for.
    public func bytes(_ bits: UInt64) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: bits &>> UInt64(8 * (size - 1 - $0))) }
    }

    /// The key group of the key `bits` stands for.
    public func keyGroup(_ bits: UInt64, maxParallelism: Int) -> Int {
        KeyGroupRangeAssignment.keyGroup(forSerializedKey: bytes(bits), maxParallelism: maxParallelism)
    }
}

/// Packs up to 8 written bytes, big-endian, into a number.
struct PackedKeyWriter: BinaryWriter {
    var bits: UInt64 = 0

    @inline(__always)
    mutating func writeByte(_ byte: UInt8) { bits = bits &<< 8 | UInt64(byte) }

    @inline(__always)
    mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        let width = UInt64(T.bitWidth)
        let pattern = UInt64(truncatingIfNeeded: value) & (width == 64 ? ~0 : (1 &<< width) &- 1)
        bits = width == 64 ? pattern : bits &<< width | pattern
    }

    mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for byte in bytes { writeByte(byte) }
    }
}

/// Reads the bytes a ``PackedKeyWriter`` packed.
struct PackedKeyReader: BinaryReader {
    let bits: UInt64
    let size: Int
    var position = 0

    init(bits: UInt64, size: Int) {
        self.bits = bits
        self.size = size
    }

    var remainingBytes: Int { size - position }

    private mutating func take(_ count: Int) throws(SerializationError) -> UInt64 {
        guard count <= remainingBytes else { throw SerializationError(.truncated, "a packed key has \(remainingBytes) bytes left, not \(count)") }
        position += count
        let shifted = bits &>> UInt64(8 * (size - position))
        return count == 8 ? shifted : shifted & ((1 &<< UInt64(8 * count)) &- 1)
    }

    mutating func readByte() throws(SerializationError) -> UInt8 { UInt8(truncatingIfNeeded: try take(1)) }

    mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
        T(truncatingIfNeeded: try take(T.bitWidth / 8))
    }

    mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes.append(try readByte()) }
        return bytes
    }

    mutating func readUTF8String(byteCount: Int) throws(SerializationError) -> String {
        guard let string = String(validating: try readBytes(count: byteCount), as: UTF8.self) else {
            throw SerializationError(.malformed, "packed key bytes are not UTF-8")
        }
        return string
    }

    mutating func skip(_ count: Int) throws(SerializationError) { _ = try take(count) }
}
