import EddyCore
import EddyMemory

/// The consumer's side of a ``LocalChannel``: reads stream elements from the channel's buffers,
/// returning each consumed segment to the producer (a credit). An element that straddles buffers is
/// read on, waiting for the rest, which the producer sends at once
/// (``ChannelOutputView/endElement(startedAt:)``).
///
/// Thread-safety: the consumer task's thread only.
public struct ChannelInputView: BinaryReader {
    public let channel: LocalChannel
    @usableFromInline var segment: MemorySegment?
    @usableFromInline var offset = 0
    @usableFromInline var length = 0
    /// Set while an unaligned checkpoint records this channel's in-flight data: every buffer the
    /// view adopts is copied into it (per buffer, never per element).
    var recorder: ChannelStateRecorder?

    public init(channel: LocalChannel) { self.channel = channel }

    /// Whether an element can be read now without waiting: bytes left in the current buffer, or a
    /// buffer queued (which then becomes current).
    public mutating func hasElementAvailable() -> Bool {
        if offset < length { return true }
        guard let next = channel.poll() else { return false }
        adopt(next)
        return offset < length
    }

    /// Whether the producer finished and everything was read.
    public var isExhausted: Bool { offset >= length && channel.isDrained }

    /// A channel is a stream with no known end: lengths are checked against one segment's worth
    /// per element byte instead (deserializers reading a corrupt length then fail on the read).
    public var remainingBytes: Int { Int(Int32.max) }

    @inlinable @inline(__always)
    public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
        if let segment, offset &+ MemoryLayout<T>.size <= length {
            let value = segment.get(T.self, at: offset, byteOrder: .bigEndian)
            offset &+= MemoryLayout<T>.size
            return value
        }
        return try readSlow(type)
    }

    @inlinable @inline(__always)
    public mutating func readByte() throws(SerializationError) -> UInt8 {
        if let segment, offset < length {
            let byte = segment.getByte(at: offset)
            offset &+= 1
            return byte
        }
        return try readByteSlow()
    }

    /// An integer across a buffer boundary: byte by byte, most significant first.
    @inline(never) @usableFromInline
    mutating func readSlow<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
        var value = T.zero
        for _ in 0..<MemoryLayout<T>.size { value = value << 8 | T(truncatingIfNeeded: try readByte()) }
        return value
    }

    @inline(never) @usableFromInline
    mutating func readByteSlow() throws(SerializationError) -> UInt8 {
        while offset == length {
            guard let next = channel.take() else {
                throw SerializationError(.truncated, "channel ended inside an element")
            }
            adopt(next)
        }
        return try readByte()
    }

    /// Makes `buffer` current, recycling the finished one.
    mutating func adopt(_ buffer: NetworkBuffer) {
        if let finished = segment { channel.recycle(finished) }
        segment = buffer.segment
        offset = 0
        length = buffer.length
        recorder?.beginBuffer(buffer.segment, from: 0, to: buffer.length)
    }

    /// The unread bytes of the current buffer (the view is between elements when this is asked).
    func unreadBytesOfCurrentBuffer() -> [UInt8] {
        guard let segment, offset < length else { return [] }
        return segment.getBytes(at: offset, count: length - offset)
    }

    /// Starts copying this channel's data into `recorder`, from the next unread byte on.
    mutating func startRecording(into recorder: ChannelStateRecorder) {
        if let segment, offset < length { recorder.beginBuffer(segment, from: offset, to: length) }
        self.recorder = recorder
    }

    public mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] {
        guard count >= 0 else { throw SerializationError(.malformed, "negative length \(count)") }
        if let segment, offset + count <= length {
            defer { offset += count }
            return segment.getBytes(at: offset, count: count)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(try readByte()) }
        return bytes
    }

    public mutating func readUTF8String(byteCount: Int) throws(SerializationError) -> String {
        if let segment, byteCount >= 0, offset + byteCount <= length {
            guard let string = segment.getUTF8String(at: offset, count: byteCount) else {
                throw SerializationError(.malformed, "invalid UTF-8 in \(byteCount) bytes")
            }
            offset += byteCount
            return string
        }
        guard let string = String(validating: try readBytes(count: byteCount), as: UTF8.self) else {
            throw SerializationError(.malformed, "invalid UTF-8 in \(byteCount) bytes")
        }
        return string
    }

    public mutating func skip(_ count: Int) throws(SerializationError) {
        for _ in 0..<max(count, 0) { _ = try readByte() }
    }

    /// Returns the current segment to the channel (when the consumer is done).
    public mutating func release() {
        if let finished = segment { channel.recycle(finished) }
        segment = nil
        offset = 0
        length = 0
    }
}
