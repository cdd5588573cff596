import EddyCore
import EddyMemory

extension HyperLogLog {
    static let geometryVersion: UInt8 = 1
    public static let magic = "EHLL"

    /// Version, precision and register width.
    public var geometry: [UInt8] { [Self.geometryVersion, UInt8(precision), UInt8(registerBits)] }

    /// The used bytes of segment `index`.
    public func pageBytes(_ index: Int) -> [UInt8] { segments[index].getBytes(at: 0, count: usedBytesPerSegment) }

    public func takeDirtyPages() -> [Int] { dirty.take() }

    /// A sketch from ``serialized()`` bytes.
    /// - Throws: ``SerializationError`` for a bad checksum, geometry or length; ``MemoryError``
    ///   when the segments cannot be had.
    public convenience init(serialized bytes: [UInt8], memory: MemoryOwner) throws {
        let (geometry, body) = try SketchEncoding.decode(bytes, magic: Self.magic)
        try self.init(geometry: geometry, memory: memory) { index, size in
            let start = body.startIndex + index * size
            guard start + size <= body.endIndex else { throw SerializationError(.truncated, "HyperLogLog page \(index) is cut short") }
            return Array(body[start..<(start + size)])
        }
        let expected = pageCount * usedBytesPerSegment
        guard body.count == expected else {
            throw SerializationError(.malformed, "HyperLogLog body has \(body.count) bytes, expected \(expected)")
        }
    }

    /// A sketch from its geometry and pages (an incremental snapshot's, or ``serialized()``'s).
    /// - Parameter page: the bytes of page `index`, which must be `size` long.
    public convenience init(
        geometry: [UInt8], memory: MemoryOwner, page: (_ index: Int, _ size: Int) throws -> [UInt8]
    ) throws {
        guard geometry.count == 3, geometry[0] == Self.geometryVersion, (4...18).contains(Int(geometry[1])),
              geometry[2] == 6 || geometry[2] == 8
        else { throw SerializationError(.malformed, "impossible HyperLogLog geometry \(geometry)") }
        try self.init(precision: Int(geometry[1]), registerBits: Int(geometry[2]), memory: memory)
        let size = usedBytesPerSegment
        for index in segments.indices {
            let bytes = try page(index, size)
            guard bytes.count == size else {
                throw SerializationError(.malformed, "HyperLogLog page \(index) has \(bytes.count) bytes, expected \(size)")
            }
            segments[index].putBytes(bytes, at: 0)
        }
        let maximum = UInt8(65 - precision)
        if let bad = (0..<registerCount).first(where: { register($0) > maximum }) {
            throw SerializationError(.malformed, "HyperLogLog register \(bad) holds \(register(bad)), above the rank limit \(maximum)")
        }
        dirty.removeAll()
    }
}
