/// The 24-byte header in front of each block's stored bytes (layout in ``SpillFileFormat``).
struct SpillBlockHeader: Equatable {
    var compressed: Bool
    var uncompressedLength: Int
    var storedLength: Int
    var dataCRC: UInt32

    /// Writes the header, returning its header CRC (which the footer's chain CRC is built from).
    @discardableResult
    func encode(into p: UnsafeMutableRawPointer) -> UInt32 {
        p.storeLittleEndian(SpillFileFormat.blockMagic, at: 0)
        p.storeLittleEndian(compressed ? SpillFileFormat.flagLZ4 : SpillFileFormat.flagRaw, at: 4)
        p.storeLittleEndian(UInt8(0), at: 5)
        p.storeLittleEndian(UInt16(0), at: 6)
        p.storeLittleEndian(UInt32(uncompressedLength), at: 8)
        p.storeLittleEndian(UInt32(storedLength), at: 12)
        p.storeLittleEndian(dataCRC, at: 16)
        let headerCRC = UnsafeRawPointer(p).crc32c(at: 0, count: 20)
        p.storeLittleEndian(headerCRC, at: 20)
        return headerCRC
    }

    /// Decodes and validates a block header whose magic has been checked.
    /// - Parameters:
    ///   - segmentSize: the file's segment size, which bounds both lengths.
    ///   - offset: where the block starts, for errors.
    /// - Returns: the header and its header CRC.
    static func decode(
        from p: UnsafeRawPointer, segmentSize: Int, path: String, offset: Int
    ) throws(FileError) -> (SpillBlockHeader, headerCRC: UInt32) {
        func corrupt(_ message: String) -> FileError {
            FileError(.corrupt, "block header: \(message)", path: path, offset: offset)
        }
        // The CRC is checked before any field is believed, so a flipped length never drives a read.
        let stored = p.loadLittleEndian(UInt32.self, at: 20)
        let computed = p.crc32c(at: 0, count: 20)
        guard stored == computed else {
            throw corrupt("header CRC mismatch (stored 0x\(hex(stored)), computed 0x\(hex(computed)))")
        }
        let flags = p.loadLittleEndian(UInt8.self, at: 4)
        guard flags == SpillFileFormat.flagRaw || flags == SpillFileFormat.flagLZ4 else {
            throw corrupt("unknown flags 0x\(String(flags, radix: 16))")
        }
        guard p.loadLittleEndian(UInt8.self, at: 5) == 0, p.loadLittleEndian(UInt16.self, at: 6) == 0 else {
            throw corrupt("reserved bytes are not zero")
        }
        let header = SpillBlockHeader(
            compressed: flags == SpillFileFormat.flagLZ4,
            uncompressedLength: Int(p.loadLittleEndian(UInt32.self, at: 8)),
            storedLength: Int(p.loadLittleEndian(UInt32.self, at: 12)),
            dataCRC: p.loadLittleEndian(UInt32.self, at: 16))
        guard header.uncompressedLength <= segmentSize else {
            throw corrupt("uncompressed length \(header.uncompressedLength) exceeds segment size \(segmentSize)")
        }
        // The writer stores raw whenever LZ4 does not shrink the block; anything else is not ours.
        let lengthsAgree =
            header.compressed
            ? header.storedLength > 0 && header.storedLength < header.uncompressedLength
            : header.storedLength == header.uncompressedLength
        guard lengthsAgree else {
            throw corrupt(
                "stored length \(header.storedLength) impossible for a \(header.compressed ? "compressed" : "raw") "
                    + "block of \(header.uncompressedLength) bytes")
        }
        return (header, stored)
    }
}
