/// The 16-byte header at the start of a spill file (layout in ``SpillFileFormat``).
struct SpillFileHeader: Equatable {
    var segmentSize: Int

    func encode(into p: UnsafeMutableRawPointer) {
        p.storeLittleEndian(SpillFileFormat.fileMagic, at: 0)
        p.storeLittleEndian(SpillFileFormat.version, at: 4)
        p.storeLittleEndian(UInt8(0), at: 5)
        p.storeLittleEndian(UInt16(0), at: 6)
        p.storeLittleEndian(UInt32(segmentSize), at: 8)
        p.storeLittleEndian(UnsafeRawPointer(p).crc32c(at: 0, count: 12), at: 12)
    }

    /// Decodes and validates the header; errors are reported at offset 0.
    static func decode(from p: UnsafeRawPointer, path: String) throws(FileError) -> SpillFileHeader {
        func corrupt(_ message: String) -> FileError {
            FileError(.corrupt, "file header: \(message)", path: path, offset: 0)
        }
        // Magic first: a file that is not a spill file at all deserves that message, not a CRC one.
        let magic = p.loadLittleEndian(UInt32.self, at: 0)
        guard magic == SpillFileFormat.fileMagic else {
            throw corrupt("bad magic 0x\(String(magic, radix: 16)), not a spill file")
        }
        let stored = p.loadLittleEndian(UInt32.self, at: 12)
        let computed = p.crc32c(at: 0, count: 12)
        guard stored == computed else {
            throw corrupt("header CRC mismatch (stored 0x\(hex(stored)), computed 0x\(hex(computed)))")
        }
        let version = p.loadLittleEndian(UInt8.self, at: 4)
        guard version == SpillFileFormat.version else {
            throw corrupt("unsupported version \(version)")
        }
        let segmentSize = Int(p.loadLittleEndian(UInt32.self, at: 8))
        guard MemorySegment.isValidSize(segmentSize) else {
            throw corrupt("invalid segment size \(segmentSize)")
        }
        return SpillFileHeader(segmentSize: segmentSize)
    }
}

/// `value` as 8 hex digits, for checksum messages.
func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
