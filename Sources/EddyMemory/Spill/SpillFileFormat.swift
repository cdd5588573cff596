/// The on-disk layout of a spill file: memory segments written out under memory pressure and read
/// back in order by the same process. All integers are little-endian.
///
/// ```
/// file header (16 bytes)
///    0  magic          "EDSP" (4 bytes)
///    4  version        u8 = 1
///    5  reserved       3 bytes, zero
///    8  segment size   u32   largest uncompressed block; a power of two, 4 KiB...1 MiB
///   12  header CRC     u32   CRC-32C of bytes 0..<12
/// block, repeated (24-byte header, then `stored length` bytes)
///    0  magic          u32 "EDBK"
///    4  flags          u8    0 = raw, 1 = LZ4 block (LZ4_compress_default)
///    5  reserved       3 bytes, zero
///    8  uncompressed   u32   valid bytes of the segment, 0...segment size
///   12  stored length  u32   raw: == uncompressed; LZ4: < uncompressed
///   16  data CRC       u32   CRC-32C of the stored bytes
///   20  header CRC     u32   CRC-32C of bytes 0..<20
/// footer (24 bytes), then end of file
///    0  magic          u32 "EDFT"
///    4  block count    u32
///    8  uncompressed   u64   sum of the blocks' uncompressed lengths
///   16  chain CRC      u32   CRC-32C over the blocks' header CRCs (4 bytes each, in order)
///   20  footer CRC     u32   CRC-32C of bytes 0..<20
/// ```
///
/// Why this shape:
/// - Every byte is covered by a CRC, so any single flipped byte is caught at the block it is in; the
///   header CRC is checked before a length is trusted, so a damaged length never drives a read.
/// - A block is stored raw when LZ4 does not shrink it, so the stored length never exceeds the
///   segment size and the reader's scratch buffer is one segment.
/// - Only a finished file has a footer, and nothing may follow it: a file cut at a block boundary
///   (a crash while spilling, a full disk) reads as truncated instead of as a shorter valid file. The
///   footer's count, total and chain CRC catch whole blocks lost or reordered.
/// - Block header and footer have the same size so the reader reads 24 bytes and dispatches on magic.
enum SpillFileFormat {
    static let fileMagic: UInt32 = 0x5053_4445  // "EDSP"
    static let blockMagic: UInt32 = 0x4B42_4445  // "EDBK"
    static let footerMagic: UInt32 = 0x5446_4445  // "EDFT"
    static let version: UInt8 = 1

    static let fileHeaderSize = 16
    static let blockHeaderSize = 24
    static let footerSize = 24

    static let flagRaw: UInt8 = 0
    static let flagLZ4: UInt8 = 1
}

extension UnsafeMutableRawPointer {
    /// Stores `value` little-endian at `offset` (any alignment).
    @inline(__always)
    func storeLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
    }
}

extension UnsafeRawPointer {
    /// Loads a little-endian `T` at `offset` (any alignment).
    @inline(__always)
    func loadLittleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// CRC-32C of `count` bytes at `offset`.
    @inline(__always)
    func crc32c(at offset: Int, count: Int) -> UInt32 {
        CRC32C.checksum(UnsafeRawBufferPointer(start: self + offset, count: count))
    }
}
