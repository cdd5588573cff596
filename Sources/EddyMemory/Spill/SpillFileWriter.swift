import CLZ4

/// Writes memory segments to a spill file as LZ4-compressed, checksummed blocks
/// (format: ``SpillFileFormat``). Read the file back with ``SpillFileReader``.
///
/// ```swift
/// let writer = try SpillFileWriter(path: path, segmentSize: segment.size)
/// try writer.write(segment, validBytes: used)
/// try writer.finish()   // without the footer the file reads as truncated
/// writer.close()
/// ```
///
/// Each block is built in one reused scratch buffer (header, then LZ4 output or the raw bytes) and
/// written with one `write(2)`, so steady-state writing allocates nothing.
///
/// Not thread-safe: one owner at a time.
public final class SpillFileWriter {
    /// The path given at creation.
    public let path: String
    /// The largest block this file holds; recorded in the file header.
    public let segmentSize: Int
    /// Blocks written so far.
    public private(set) var blockCount = 0
    /// Sum of the `validBytes` written so far.
    public private(set) var uncompressedBytes = 0
    /// Bytes written to the file so far, headers and footer included.
    public private(set) var fileBytes = 0

    private var handle: PosixFile?
    private var finished = false
    /// The first write error: the file's tail is then unknown, so every later call rethrows it.
    private var failure: FileError?
    private var chain = CRC32C()
    /// Block header followed by room for one segment: LZ4 is only allowed output that is smaller
    /// than its input, and raw blocks are exactly one segment at most.
    private let scratch: UnsafeMutableRawPointer
    private let scratchCapacity: Int

    /// Creates (or truncates) the file at `path` and writes the file header.
    /// - Parameter segmentSize: the largest `validBytes` a block may have; a valid segment size.
    public init(path: String, segmentSize: Int = MemorySegment.defaultSize) throws(FileError) {
        precondition(MemorySegment.isValidSize(segmentSize), "invalid segment size \(segmentSize)")
        self.path = path
        self.segmentSize = segmentSize
        scratchCapacity = SpillFileFormat.blockHeaderSize + segmentSize
        scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchCapacity, alignment: 16)
        let handle = try PosixFile.create(path: path)
        self.handle = handle
        SpillFileHeader(segmentSize: segmentSize).encode(into: scratch)
        try emit(count: SpillFileFormat.fileHeaderSize)
    }

    deinit {
        handle?.close()
        scratch.deallocate()
    }

    /// Appends the first `validBytes` bytes of `segment` as one block.
    /// - Parameter validBytes: bytes to write, `0...min(segment.size, segmentSize)`; the whole
    ///   segment when `nil`.
    /// - Complexity: O(validBytes): one LZ4 compression, two CRC passes, one `write(2)`.
    public func write(_ segment: MemorySegment, validBytes: Int? = nil) throws(FileError) {
        precondition(handle != nil && !finished, "write to a finished or closed spill file \(path)")
        if let failure { throw failure }
        let count = validBytes ?? segment.size
        precondition(
            count >= 0 && count <= segment.size && count <= segmentSize,
            "validBytes \(count) outside 0...\(min(segment.size, segmentSize))")
        let payload = scratch + SpillFileFormat.blockHeaderSize
        let storedLength = segment.withUnsafeBytes { bytes in
            compress(UnsafeRawPointer(bytes.baseAddress!), count: count, into: payload)
        }
        let compressed = storedLength != count
        let header = SpillBlockHeader(
            compressed: compressed, uncompressedLength: count, storedLength: storedLength,
            dataCRC: CRC32C.checksum(UnsafeRawBufferPointer(start: payload, count: storedLength)))
        var headerCRC = header.encode(into: scratch).littleEndian
        withUnsafeBytes(of: &headerCRC) { chain.update($0) }
        try emit(count: SpillFileFormat.blockHeaderSize + storedLength)
        blockCount += 1
        uncompressedBytes += count
    }

    /// Writes the footer, after which the file is complete and no more blocks may be written.
    /// - Parameter sync: `fsync` the file, for spill files that must survive a machine crash. Spill
    ///   files normally die with the process, so the default skips the cost.
    public func finish(sync: Bool = false) throws(FileError) {
        precondition(handle != nil && !finished, "finish of a finished or closed spill file \(path)")
        if let failure { throw failure }
        SpillFileFooter(blockCount: blockCount, uncompressedBytes: uncompressedBytes, chainCRC: chain.value)
            .encode(into: scratch)
        try emit(count: SpillFileFormat.footerSize)
        finished = true
        if sync { try handle!.sync(offset: fileBytes) }
    }

    /// Closes the file. Closing before ``finish(sync:)`` leaves a file that reads as truncated.
    /// Idempotent; `deinit` closes too.
    public func close() {
        handle?.close()
        handle = nil
    }

    /// LZ4-compresses into `output` when that saves at least one byte, else copies the raw bytes.
    /// - Returns: the stored length; equal to `count` exactly when the block is stored raw.
    private func compress(_ input: UnsafeRawPointer, count: Int, into output: UnsafeMutableRawPointer) -> Int {
        if count > 0 {
            // A capacity one byte short of the input makes LZ4 give up (return 0) as soon as the
            // output would not be smaller, instead of finishing a useless compression.
            let compressedLength = LZ4_compress_default(
                input.assumingMemoryBound(to: CChar.self), output.assumingMemoryBound(to: CChar.self),
                Int32(count), Int32(count - 1))
            if compressedLength > 0 { return Int(compressedLength) }
        }
        output.copyMemory(from: input, byteCount: count)
        return count
    }

    /// Writes the first `count` scratch bytes at the end of the file.
    private func emit(count: Int) throws(FileError) {
        do {
            try handle!.writeAll(scratch, count: count, offset: fileBytes)
        } catch {
            failure = error
            throw error
        }
        fileBytes += count
    }
}
