import EddyCore
import EddyMemory

/// The producer's side of a ``LocalChannel``: serializes stream elements straight into the channel's
/// segments. A full segment is sent and a free one taken (waiting for credit: backpressure); an
/// element may straddle segments. ``flush()`` sends a partly filled segment (on timeout, on events).
///
/// Thread-safety: the producer task's thread only.
public struct ChannelOutputView: BinaryWriter {
    public let channel: LocalChannel
    @usableFromInline var segment: MemorySegment?
    @usableFromInline var offset = 0
    @usableFromInline let size: Int
    /// Buffers sent so far; an element that started in an earlier buffer straddled a boundary.
    @usableFromInline var sentBuffers = 0
    /// When the current segment got its first byte (monotonic ns), for the flush timeout.
    public private(set) var bufferStartNanoseconds: UInt64 = 0
    /// True once the channel was cancelled; writes are dropped from then on.
    public private(set) var cancelled = false

    public init(channel: LocalChannel) {
        self.channel = channel
        self.size = channel.segmentSize
    }

    /// Bytes waiting in the current segment.
    public var pendingBytes: Int { segment == nil ? 0 : offset }

    @inlinable @inline(__always)
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        if let segment, offset &+ MemoryLayout<T>.size <= size {
            segment.put(value, at: offset, byteOrder: .bigEndian)
            offset &+= MemoryLayout<T>.size
        } else {
            writeSlow(value)
        }
    }

    @inlinable @inline(__always)
    public mutating func writeByte(_ byte: UInt8) {
        if let segment, offset < size {
            segment.putByte(byte, at: offset)
            offset &+= 1
        } else {
            writeByteSlow(byte)
        }
    }

    @inlinable
    public mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let segment, offset &+ bytes.count <= size {
            segment.putBytes(bytes, at: offset)
            offset &+= bytes.count
        } else {
            for byte in bytes { writeByte(byte) }
        }
    }

    /// An integer across a segment boundary: byte by byte, most significant first.
    @inline(never) @usableFromInline
    mutating func writeSlow<T: FixedWidthInteger>(_ value: T) {
        var shift = T.bitWidth - 8
        while shift >= 0 {
            writeByte(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    @inline(never) @usableFromInline
    mutating func writeByteSlow(_ byte: UInt8) {
        guard nextSegment(), let segment else { return }
        segment.putByte(byte, at: 0)
        offset = 1
    }

    /// Sends the current segment (full) and takes a free one.
    mutating func nextSegment() -> Bool {
        if cancelled { return false }
        if let segment, offset > 0 {
            channel.send(NetworkBuffer(segment: segment, length: offset))
            sentBuffers += 1
        }
        guard let fresh = channel.takeFreeSegment() else {
            cancelled = true
            segment = nil
            return false
        }
        segment = fresh
        offset = 0
        bufferStartNanoseconds = monotonicNanoseconds()
        return true
    }

    /// Marks the start of an element; returns a token for ``endElement(startedAt:)``.
    @inlinable @inline(__always)
    public func beginElement() -> Int { sentBuffers }

    /// Ends an element: one that straddled buffers is flushed at once, so the consumer, which waits
    /// for the rest of a started element, never waits for a flush timeout.
    @inlinable @inline(__always)
    public mutating func endElement(startedAt token: Int) {
        if sentBuffers != token { flush() }
    }

    /// Sends the current segment if it holds any bytes.
    public mutating func flush() {
        guard let current = segment, offset > 0, !cancelled else { return }
        channel.send(NetworkBuffer(segment: current, length: offset))
        sentBuffers += 1
        segment = nil
        offset = 0
    }

    /// Returns the current segment to the channel unsent (cancellation, failure).
    public mutating func abandon() {
        if let current = segment { channel.recycle(current) }
        segment = nil
        offset = 0
    }

    /// Flushes and ends the channel; the view must not be written afterwards.
    public mutating func finish() {
        flush()
        if let current = segment {
            channel.recycle(current)  // taken but never written
            segment = nil
        }
        channel.finish()
    }
}
