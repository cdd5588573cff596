import EddyCore

/// Reads records written by a ``PagedOutputView`` (or any segments holding a byte stream) across
/// page boundaries, as Flink's `AbstractPagedInputView`.
///
/// Every read checks the remaining length and throws ``SerializationError`` at the end of the
/// data: a truncated stream never reads past the bytes written.
///
/// Thread-safety: one thread at a time; the segments must not be written while being read.
public struct PagedInputView: BinaryReader {
    public let segments: [MemorySegment]
    /// Total bytes in the stream.
    public let byteCount: Int
    @usableFromInline var segmentIndex = 0
    @usableFromInline var offsetInSegment = 0
    /// Readable bytes in the current segment (the last segment is partly filled).
    @usableFromInline var currentLimit: Int
    @usableFromInline var currentBase: UnsafeMutableRawPointer?
    @usableFromInline let segmentSize: Int

    /// - Parameters:
    ///   - segments: the pages, in order, all of one size.
    ///   - byteCount: bytes of data in them, from the start of the first.
    public init(segments: [MemorySegment], byteCount: Int) {
        let segmentSize = segments.first?.size ?? MemorySegment.defaultSize
        precondition(byteCount >= 0 && byteCount <= segments.count * segmentSize, "byteCount beyond the segments")
        self.segments = segments
        self.byteCount = byteCount
        self.segmentSize = segmentSize
        self.currentBase = segments.first?.base
        self.currentLimit = min(byteCount, segmentSize)
    }

    /// Bytes read so far.
    public var position: Int { segmentIndex * segmentSize + offsetInSegment }

    public var remainingBytes: Int { byteCount - position }

    @inlinable @inline(__always)
    public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
        let width = MemoryLayout<T>.size
        if let base = currentBase, offsetInSegment &+ width <= currentLimit {
            let raw = base.loadUnaligned(fromByteOffset: offsetInSegment, as: T.self)
            offsetInSegment &+= width
            return T(bigEndian: raw)
        }
        return try readIntegerSlow(type)
    }

    @inlinable @inline(__always)
    public mutating func readByte() throws(SerializationError) -> UInt8 {
        if let base = currentBase, offsetInSegment < currentLimit {
            let byte = base.load(fromByteOffset: offsetInSegment, as: UInt8.self)
            offsetInSegment &+= 1
            return byte
        }
        var byte: UInt8 = 0
        try withUnsafeMutableBytes(of: &byte) { (buffer) throws(SerializationError) in try readRaw(into: buffer) }
        return byte
    }

    @inline(never) @usableFromInline
    mutating func readIntegerSlow<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
        var raw = T.zero
        try withUnsafeMutableBytes(of: &raw) { (buffer) throws(SerializationError) in try readRaw(into: buffer) }
        return T(bigEndian: raw)
    }

    /// Copies `buffer.count` bytes out, across segment boundaries.
    /// - Throws: ``SerializationError`` (truncated) without moving when fewer bytes are left.
    @usableFromInline
    mutating func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws(SerializationError) {
        guard buffer.count <= remainingBytes else {
            throw SerializationError(
                .truncated, "needed \(buffer.count) bytes at offset \(position), \(remainingBytes) left")
        }
        copyOut(into: buffer)
    }

    /// Copies `buffer.count` bytes out; the caller has checked they are there.
    @usableFromInline
    mutating func copyOut(into buffer: UnsafeMutableRawBufferPointer) {
        var done = 0
        while done < buffer.count {
            if offsetInSegment == currentLimit { moveToNextSegment() }
            let chunk = min(buffer.count - done, currentLimit - offsetInSegment)
            (buffer.baseAddress! + done).copyMemory(from: currentBase! + offsetInSegment, byteCount: chunk)
            offsetInSegment += chunk
            done += chunk
        }
    }

    mutating func moveToNextSegment() {
        segmentIndex += 1
        offsetInSegment = 0
        currentBase = segments[segmentIndex].base
        currentLimit = min(byteCount - segmentIndex * segmentSize, segmentSize)
    }
}
