import CLZ4

/// Reads back the blocks of a spill file written by ``SpillFileWriter``, in order, verifying every
/// checksum and length (format: ``SpillFileFormat``).
///
/// ```swift
/// let reader = try SpillFileReader(path: path)
/// let segment = MemorySegment(size: reader.segmentSize)
/// while let validBytes = try reader.readNext(into: segment) { consume(segment, validBytes) }
/// reader.close()
/// ```
///
/// A damaged file (any flipped byte, a missing tail, trailing bytes, bad LZ4 data) throws
/// ``FileError`` naming the path and the offset of the bad block; it never crashes. After an
/// error every later call throws the same error.
///
/// Not thread-safe: one owner at a time.
public final class SpillFileReader {
    /// The path given at opening.
    public let path: String
    /// The file's segment size: segments passed to ``readNext(into:)`` must be at least this big.
    public let segmentSize: Int
    /// Blocks read so far.
    public private(set) var blockCount = 0
    /// Sum of the valid bytes returned so far.
    public private(set) var uncompressedBytes = 0

    private var handle: PosixFile?
    /// Size when opened; reads past it are truncation, decided before reading.
    private let fileSize: Int
    /// Start of the next block header (or footer).
    private var offset = SpillFileFormat.fileHeaderSize
    private var chain = CRC32C()
    private var atEnd = false
    private var failure: FileError?
    /// Block header, then room for one LZ4 block (always smaller than a segment).
    private let scratch: UnsafeMutableRawPointer

    /// Opens `path` and validates its file header.
    public init(path: String) throws(FileError) {
        self.path = path
        let handle = try PosixFile.openForReading(path: path)
        do {
            fileSize = try handle.size()
            let header = try withUnsafeTemporaryAllocation(byteCount: SpillFileFormat.fileHeaderSize, alignment: 8) {
                buffer throws(FileError) in
                let read = try handle.read(into: buffer.baseAddress!, count: buffer.count, at: 0)
                guard read == buffer.count else {
                    let what = read == 0 ? "file is empty" : "file ends inside the file header (\(read) bytes)"
                    throw FileError(.truncated, what, path: path, offset: 0)
                }
                return try SpillFileHeader.decode(from: UnsafeRawPointer(buffer.baseAddress!), path: path)
            }
            segmentSize = header.segmentSize
        } catch {
            handle.close()
            throw error
        }
        self.handle = handle
        scratch = UnsafeMutableRawPointer.allocate(
            byteCount: SpillFileFormat.blockHeaderSize + segmentSize, alignment: 16)
    }

    deinit {
        handle?.close()
        scratch.deallocate()
    }

    /// Reads the next block into `segment`.
    /// - Parameter segment: at least ``segmentSize`` bytes; bytes past the returned count are
    ///   unspecified.
    /// - Returns: the block's valid bytes, or `nil` once the footer has been reached and verified.
    /// - Throws: ``FileError`` for corrupt or truncated contents or a failed read.
    public func readNext(into segment: MemorySegment) throws(FileError) -> Int? {
        precondition(handle != nil, "read from a closed spill file \(path)")
        precondition(segment.size >= segmentSize, "segment of \(segment.size) bytes < file segment size \(segmentSize)")
        if let failure { throw failure }
        if atEnd { return nil }
        do {
            return try readBlock(into: segment)
        } catch {
            failure = error
            throw error
        }
    }

    /// Closes the file. Idempotent; `deinit` closes too.
    public func close() {
        handle?.close()
        handle = nil
    }

    private func readBlock(into segment: MemorySegment) throws(FileError) -> Int? {
        let blockStart = offset
        let header = UnsafeRawPointer(scratch)
        try readExactly(into: scratch, count: SpillFileFormat.blockHeaderSize, what: "block header or footer")
        let magic = header.loadLittleEndian(UInt32.self, at: 0)
        if magic == SpillFileFormat.footerMagic {
            try verifyFooter(at: blockStart)
            return nil
        }
        guard magic == SpillFileFormat.blockMagic else {
            throw error(.corrupt, "bad block magic 0x\(hex(magic))", at: blockStart)
        }
        let (block, headerCRC) = try SpillBlockHeader.decode(
            from: header, segmentSize: segmentSize, path: path, offset: blockStart)
        try segment.withUnsafeMutableBytes { (bytes) throws(FileError) in
            // Raw blocks go straight into the segment; LZ4 blocks via scratch, then decode.
            let stored = block.compressed ? scratch + SpillFileFormat.blockHeaderSize : bytes.baseAddress!
            try readExactly(into: stored, count: block.storedLength, what: "block data", blockStart: blockStart)
            let crc = UnsafeRawPointer(stored).crc32c(at: 0, count: block.storedLength)
            guard crc == block.dataCRC else {
                throw error(
                    .corrupt, "block data CRC mismatch (stored 0x\(hex(block.dataCRC)), computed 0x\(hex(crc)))",
                    at: blockStart)
            }
            if block.compressed {
                try decompress(block, from: stored, into: bytes.baseAddress!, blockStart: blockStart)
            }
        }
        var littleEndianCRC = headerCRC.littleEndian
        withUnsafeBytes(of: &littleEndianCRC) { chain.update($0) }
        blockCount += 1
        uncompressedBytes += block.uncompressedLength
        return block.uncompressedLength
    }

    /// Decodes an LZ4 block, which must produce exactly its recorded length.
    private func decompress(
        _ block: SpillBlockHeader, from stored: UnsafeMutableRawPointer, into output: UnsafeMutableRawPointer,
        blockStart: Int
    ) throws(FileError) {
        // LZ4_decompress_safe never writes past the capacity nor reads past the input, whatever the
        // input; a negative result means malformed data.
        let decoded = LZ4_decompress_safe(
            UnsafeRawPointer(stored).assumingMemoryBound(to: CChar.self), output.assumingMemoryBound(to: CChar.self),
            Int32(block.storedLength), Int32(block.uncompressedLength))
        guard decoded >= 0 else {
            throw error(.corrupt, "LZ4 data does not decode (LZ4_decompress_safe returned \(decoded))", at: blockStart)
        }
        guard Int(decoded) == block.uncompressedLength else {
            throw error(
                .corrupt, "LZ4 data decodes to \(decoded) bytes, header says \(block.uncompressedLength)",
                at: blockStart)
        }
    }

    private func verifyFooter(at footerStart: Int) throws(FileError) {
        let footer = try SpillFileFooter.decode(from: UnsafeRawPointer(scratch), path: path, offset: footerStart)
        guard footer.blockCount == blockCount, footer.uncompressedBytes == uncompressedBytes else {
            throw error(
                .corrupt,
                "footer records \(footer.blockCount) blocks of \(footer.uncompressedBytes) bytes, "
                    + "file has \(blockCount) blocks of \(uncompressedBytes) bytes",
                at: footerStart)
        }
        guard footer.chainCRC == chain.value else {
            throw error(.corrupt, "footer chain CRC does not match the blocks read", at: footerStart)
        }
        guard offset == fileSize else {
            throw error(.corrupt, "\(fileSize - offset) unexpected bytes after the footer", at: footerStart)
        }
        atEnd = true
    }

    /// Reads `count` bytes at ``offset`` and advances it; reaching end of file first is truncation.
    private func readExactly(
        into buffer: UnsafeMutableRawPointer, count: Int, what: String, blockStart: Int? = nil
    ) throws(FileError) {
        let start = blockStart ?? offset
        guard offset + count <= fileSize else {
            let message =
                offset == fileSize && blockStart == nil
                ? "file ends after \(blockCount) blocks without a footer"
                : "file ends inside the \(what) (needs \(offset + count - fileSize) more bytes)"
            throw error(.truncated, message, at: start)
        }
        let read = try handle!.read(into: buffer, count: count, at: offset)
        guard read == count else {
            throw error(.truncated, "file shrank while reading the \(what)", at: start)
        }
        offset += count
    }

    private func error(_ code: FileError.Code, _ message: String, at offset: Int) -> FileError {
        FileError(code, message, path: path, offset: offset)
    }
}
