import EddyCore

/// Bytes RocksDB lends to a callback (a compaction filter's key and value): valid only during the
/// call, so the type offers reads and copies but never the pointer itself.
///
/// Thread-safety: confined to the callback that received it.
public struct RocksDBSlice {
    let buffer: UnsafeRawBufferPointer

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    public var count: Int { buffer.count }

    public subscript(index: Int) -> UInt8 { buffer[index] }

    /// The big-endian `Int64` at `offset`; requires `offset + 8 <= count`.
    public func int64BigEndian(at offset: Int) -> Int64 {
        precondition(offset >= 0 && offset + 8 <= count, "slice of \(count) bytes has no Int64 at \(offset)")
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(buffer[offset + i]) }
        return Int64(bitPattern: value)
    }

    /// A copy of `range`.
    public func bytes(_ range: Range<Int>) -> [UInt8] { Array(buffer[range]) }

    /// Appends `range` to `array`.
    public func append(_ range: Range<Int>, to array: inout [UInt8]) { array.append(contentsOf: buffer[range]) }

    /// A reader over the bytes from `offset`, for deserializers that find element boundaries.
    public func reader(from offset: Int = 0) -> RocksDBSliceReader { RocksDBSliceReader(buffer, position: offset) }
}

/// A ``BinaryReader`` over a ``RocksDBSlice``; its ``position`` counts from the slice's start.
public struct RocksDBSliceReader: BinaryReader {
    private let buffer: UnsafeRawBufferPointer
    public private(set) var position: Int

    init(_ buffer: UnsafeRawBufferPointer, position: Int) {
        self.buffer = buffer
        self.position = position
    }

    public var remainingBytes: Int { buffer.count - position }
    public var isAtEnd: Bool { position == buffer.count }

    private func require(_ count: Int) throws(SerializationError) {
        guard count >= 0, count <= remainingBytes else {
            throw SerializationError(.truncated, "needs \(count) bytes at offset \(position), only \(remainingBytes) left")
        }
    }

    public mutating func readByte() throws(SerializationError) -> UInt8 {
        try require(1)
        defer { position += 1 }
        return buffer[position]
    }

    public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
        let size = T.bitWidth / 8
        try require(size)
        var value: T = 0
        for i in 0..<size { value = value << 8 | T(buffer[position + i]) }
        position += size
        return value
    }

    public mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] {
        try require(count)
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }

    public mutating func readUTF8String(byteCount: Int) throws(SerializationError) -> String {
        let bytes = try readBytes(count: byteCount)
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw SerializationError(.malformed, "invalid UTF-8 at offset \(position - byteCount)")
        }
        return string
    }

    public mutating func skip(_ count: Int) throws(SerializationError) {
        try require(count)
        position += count
    }
}
