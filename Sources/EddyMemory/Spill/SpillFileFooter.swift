/// The 24-byte footer that ends a finished spill file (layout in ``SpillFileFormat``).
struct SpillFileFooter: Equatable {
    var blockCount: Int
    var uncompressedBytes: Int
    /// CRC-32C over the blocks' header CRCs, in order.
    var chainCRC: UInt32

    func encode(into p: UnsafeMutableRawPointer) {
        p.storeLittleEndian(SpillFileFormat.footerMagic, at: 0)
        p.storeLittleEndian(UInt32(blockCount), at: 4)
        p.storeLittleEndian(UInt64(uncompressedBytes), at: 8)
        p.storeLittleEndian(chainCRC, at: 16)
        p.storeLittleEndian(UnsafeRawPointer(p).crc32c(at: 0, count: 20), at: 20)
    }

    /// Decodes a footer whose magic has been checked, validating its own CRC only; the caller
    /// compares the totals with what it read.
    static func decode(from p: UnsafeRawPointer, path: String, offset: Int) throws(FileError) -> SpillFileFooter {
        let stored = p.loadLittleEndian(UInt32.self, at: 20)
        let computed = p.crc32c(at: 0, count: 20)
        guard stored == computed else {
            throw FileError(
                .corrupt, "footer CRC mismatch (stored 0x\(hex(stored)), computed 0x\(hex(computed)))",
                path: path, offset: offset)
        }
        return SpillFileFooter(
            blockCount: Int(p.loadLittleEndian(UInt32.self, at: 4)),
            uncompressedBytes: Int(truncatingIfNeeded: p.loadLittleEndian(UInt64.self, at: 8)),
            chainCRC: p.loadLittleEndian(UInt32.self, at: 16))
    }
}
