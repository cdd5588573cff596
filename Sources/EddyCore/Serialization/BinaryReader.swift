/// A source of serialized bytes, the counterpart of ``BinaryWriter``.
///
/// Every read checks that the bytes are there and throws ``SerializationError`` when the input is
/// truncated or malformed: bad input never crashes the process.
///
/// Not thread-safe: a reader belongs to one task thread.
public protocol BinaryReader {
    /// Bytes left to read. Deserializers check lengths against it before allocating, so a corrupt
    /// length prefix cannot make them reserve gigabytes.
    var remainingBytes: Int { get }
    /// Reads one byte.
    /// - Throws: ``SerializationError`` when no byte is left.
    mutating func readByte() throws(SerializationError) -> UInt8
    /// Reads a big-endian integer of `T.bitWidth / 8` bytes.
    /// - Throws: ``SerializationError`` when fewer bytes are left.
    mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T
    /// Reads `count` bytes into a new array.
    mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8]
    /// Reads `byteCount` bytes as a UTF-8 string.
    /// - Throws: ``SerializationError`` when the bytes are missing or are not valid UTF-8.
    mutating func readUTF8String(byteCount: Int) throws(SerializationError) -> String
    /// Skips `count` bytes.
    mutating func skip(_ count: Int) throws(SerializationError)
}

extension BinaryReader {
    /// Reads an unsigned LEB128 varint written by ``BinaryWriter/writeVarInt(_:)``.
    /// - Throws: ``SerializationError`` on a truncated or over-long (more than 10 bytes) varint.
    @inlinable
    public mutating func readVarInt() throws(SerializationError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 {
                throw SerializationError(.malformed, "varint overflows 64 bits")
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// Reads a varint length and checks it against the bytes left, each element taking at least
    /// `minimumElementSize` bytes.
    @inlinable
    public mutating func readLength(minimumElementSize: Int = 1, what: StaticString = "length")
        throws(SerializationError) -> Int
    {
        let raw = try readVarInt()
        let perElement = UInt64(max(minimumElementSize, 0))
        // Reporting overflow rather than `*`: a hostile count times a large element size would
        // otherwise trap instead of throwing.
        let (needed, overflow) = raw.multipliedReportingOverflow(by: perElement)
        guard raw <= UInt64(Int.max), !overflow, needed <= UInt64(remainingBytes) else {
            throw SerializationError(
                .truncated, "\(what) \(raw) exceeds the \(remainingBytes) bytes left")
        }
        return Int(raw)
    }

    @inlinable
    public mutating func readDouble() throws(SerializationError) -> Double {
        Double(bitPattern: try readInteger(UInt64.self))
    }

    @inlinable
    public mutating func readFloat() throws(SerializationError) -> Float {
        Float(bitPattern: try readInteger(UInt32.self))
    }
}
