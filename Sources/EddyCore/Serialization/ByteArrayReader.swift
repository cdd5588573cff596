/// A ``BinaryReader`` over an in-memory byte array, reading from ``position`` forwards.
///
/// Every read checks bounds first and throws ``SerializationError`` naming the offset, so corrupt
/// or hostile input is an error rather than a trap.
public struct ByteArrayReader: BinaryReader, Sendable {
    @usableFromInline let bytes: ArraySlice<UInt8>
    // Internal rather than private(set) so @inlinable reads can advance it.
    @usableFromInline var offset: Int

    /// Offset of the next byte to read, counted from the start of the input (not of the
    /// underlying array when reading a slice).
    @inlinable
    public var position: Int { offset }

    /// Reads `bytes` from the start.
    @inlinable
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes[...]
        offset = 0
    }

    /// Reads a slice without copying it; offsets in errors are relative to the slice's start.
    @inlinable
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = 0
    }

    @inlinable
    public var remainingBytes: Int { bytes.count - position }

    /// Whether every byte has been read.
    @inlinable
    public var isAtEnd: Bool { position == bytes.count }

    /// Throws unless `count` more bytes are available; `count` may come from the input, so it is
    /// checked for being negative as well.
    @inlinable
    func require(_ count: Int) throws(SerializationError) {
        guard count >= 0, count <= remainingBytes else {
            throw SerializationError(
                .truncated,
                "needs \(count) bytes at offset \(position), only \(remainingBytes) left")
        }
    }

    @inlinable
    public mutating func readByte() throws(SerializationError) -> UInt8 {
        try require(1)
        let byte = bytes[bytes.startIndex + position]
        offset += 1
        return byte
    }

    @inlinable
    public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type)
        throws(SerializationError) -> T
    {
        let size = T.bitWidth / 8
        try require(size)
        // Accumulate unsigned so the sign bit of the first byte does not sign-extend early.
        var result: T.Magnitude = 0
        var index = bytes.startIndex + position
        for _ in 0..<size {
            result = result << 8 | T.Magnitude(bytes[index])
            index += 1
        }
        offset += size
        return T(truncatingIfNeeded: result)
    }

    @inlinable
    public mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] {
        try require(count)
        let start = bytes.startIndex + position
        offset += count
        return Array(bytes[start..<start + count])
    }

    @inlinable
    public mutating func readUTF8String(byteCount: Int) throws(SerializationError) -> String {
        try require(byteCount)
        let start = bytes.startIndex + position
        guard let string = String(validating: bytes[start..<start + byteCount], as: UTF8.self)
        else {
            throw SerializationError(
                .malformed, "invalid UTF-8 in \(byteCount) bytes at offset \(position)")
        }
        offset += byteCount
        return string
    }

    @inlinable
    public mutating func skip(_ count: Int) throws(SerializationError) {
        try require(count)
        offset += count
    }
}
