import EddyCore

/// Writes variable-length records across a chain of segments taken from a ``MemoryOwner``,
/// as Flink's `AbstractPagedOutputView`: records may straddle page boundaries.
///
/// Running out of budget does not crash and does not throw in the middle of a record: the view
/// sets ``overflowed`` and drops the rest. The caller marks the record start, writes, and on
/// overflow rolls back with ``rewind(to:)``, frees memory (spills) and tries again, as Flink's
/// sort buffers do with their `EOFException`.
///
/// Integers are written big-endian (the ``BinaryWriter`` contract).
///
/// Thread-safety: one thread at a time.
public struct PagedOutputView: BinaryWriter {
    let owner: MemoryOwner
    let wait: AllocationWait
    /// The segments written so far, in order; the last one is being filled.
    public internal(set) var segments: [MemorySegment] = []
    /// Write position within the last segment.
    @usableFromInline var offsetInSegment: Int
    /// Base address of the last segment, cached so the fast path touches no array.
    @usableFromInline var currentBase: UnsafeMutableRawPointer?
    @usableFromInline let segmentSize: Int
    /// True once a write found no segment to go on with; those bytes were dropped.
    public internal(set) var overflowed = false

    /// - Parameters:
    ///   - owner: where segments come from and go back to.
    ///   - wait: what to do when the budget is used up (default: overflow at once).
    public init(owner: MemoryOwner, wait: AllocationWait = .fail) {
        self.owner = owner
        self.wait = wait
        self.segmentSize = owner.segmentSize
        self.offsetInSegment = owner.segmentSize  // forces a segment on first write
    }

    /// Bytes written: the position of the next byte.
    public var position: Int {
        segments.isEmpty ? 0 : (segments.count - 1) * segmentSize + offsetInSegment
    }

    @inlinable @inline(__always)
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        let width = MemoryLayout<T>.size
        if let base = currentBase, offsetInSegment &+ width <= segmentSize {
            base.storeBytes(of: value.bigEndian, toByteOffset: offsetInSegment, as: T.self)
            offsetInSegment &+= width
        } else {
            writeIntegerSlow(value)
        }
    }

    @inlinable @inline(__always)
    public mutating func writeByte(_ byte: UInt8) {
        if let base = currentBase, offsetInSegment < segmentSize {
            base.storeBytes(of: byte, toByteOffset: offsetInSegment, as: UInt8.self)
            offsetInSegment &+= 1
        } else {
            writeByteSlow(byte)
        }
    }

    @inlinable
    public mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let copied: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            writeRaw(UnsafeRawBufferPointer(buffer))
        }
        if copied == nil {
            for byte in bytes { writeByte(byte) }
        }
    }

    /// Copies raw bytes, splitting them over segment boundaries.
    @usableFromInline
    mutating func writeRaw(_ buffer: UnsafeRawBufferPointer) {
        var done = 0
        while done < buffer.count {
            if currentBase == nil || offsetInSegment == segmentSize {
                guard advance() else { return }
            }
            let chunk = min(buffer.count - done, segmentSize - offsetInSegment)
            (currentBase! + offsetInSegment).copyMemory(from: buffer.baseAddress! + done, byteCount: chunk)
            offsetInSegment += chunk
            done += chunk
        }
    }

    @inline(never) @usableFromInline
    mutating func writeIntegerSlow<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { writeRaw($0) }
    }

    @inline(never) @usableFromInline
    mutating func writeByteSlow(_ byte: UInt8) {
        guard advance() else { return }
        currentBase!.storeBytes(of: byte, toByteOffset: 0, as: UInt8.self)
        offsetInSegment = 1
    }

    /// Moves to a fresh segment. Returns false (and sets `overflowed`) when the budget has none.
    mutating func advance() -> Bool {
        if overflowed { return false }
        do {
            let segment = try owner.allocate(wait: wait)
            segments.append(segment)
            currentBase = segment.base
            offsetInSegment = 0
            return true
        } catch {
            overflowed = true
            return false
        }
    }
}
