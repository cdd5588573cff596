import EddyCore
import EddyMemory

extension SplitBlockBloomFilter {
    static let geometryVersion: UInt8 = 1
    public static let magic = "EBLM"

    /// Version and block count.
    public var geometry: [UInt8] {
        var writer = ByteArrayWriter(reservingCapacity: 9)
        writer.writeByte(Self.geometryVersion)
        writer.writeInteger(UInt64(blockCount))
        return writer.bytes
    }

    /// The used bytes of segment `index` (the last one may be partly used).
    public func pageBytes(_ index: Int) -> [UInt8] { segments[index].getBytes(at: 0, count: usedBytes(index)) }

    public func takeDirtyPages() -> [Int] { dirty.take() }

    /// A filter from ``serialized()`` bytes.
    /// - Throws: ``SerializationError`` for a bad checksum, geometry or length; ``MemoryError``.
    public convenience init(serialized bytes: [UInt8], memory: MemoryOwner) throws {
        let (geometry, body) = try SketchEncoding.decode(bytes, magic: Self.magic)
        var start = body.startIndex
        try self.init(geometry: geometry, memory: memory) { index, size in
            guard start + size <= body.endIndex else { throw SerializationError(.truncated, "Bloom filter page \(index) is cut short") }
            defer { start += size }
            return Array(body[start..<(start + size)])
        }
        guard start == body.endIndex else {
            throw SerializationError(.malformed, "\(body.endIndex - start) bytes after the Bloom filter's last page")
        }
    }

    /// A filter from its geometry and pages.
    /// - Parameter page: the bytes of page `index`, which must be `size` long.
    public convenience init(
        geometry: [UInt8], memory: MemoryOwner, page: (_ index: Int, _ size: Int) throws -> [UInt8]
    ) throws {
        var reader = ByteArrayReader(geometry)
        let version = try reader.readByte()
        let blocks = try reader.readInteger(UInt64.self)
        guard version == Self.geometryVersion, reader.isAtEnd, blocks >= 1, blocks <= UInt64(UInt32.max) else {
            throw SerializationError(.malformed, "impossible Bloom filter geometry \(geometry)")
        }
        try self.init(blockCount: Int(blocks), memory: memory)
        for index in segments.indices {
            let size = usedBytes(index)
            let bytes = try page(index, size)
            guard bytes.count == size else {
                throw SerializationError(.malformed, "Bloom filter page \(index) has \(bytes.count) bytes, expected \(size)")
            }
            segments[index].putBytes(bytes, at: 0)
        }
        dirty.removeAll()
    }
}
