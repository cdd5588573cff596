import EddyCore

/// One contiguous buffer with the same writer/reader API as the paged views and no page
/// boundaries: the baseline the paged views are measured against (`eddy bench memory`).
/// Not for production use: it never grows and is not budgeted.
///
/// Thread-safety: one thread at a time.
public final class FlatBuffer {
    @usableFromInline let base: UnsafeMutableRawPointer
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
    }

    deinit { base.deallocate() }

    /// A writer from the start of the buffer.
    public func makeWriter() -> Writer { Writer(base: base, capacity: capacity) }

    /// A reader over the first `byteCount` bytes.
    public func makeReader(byteCount: Int) -> Reader {
        precondition(byteCount <= capacity)
        return Reader(base: base, byteCount: byteCount)
    }

    public struct Writer: BinaryWriter {
        @usableFromInline let base: UnsafeMutableRawPointer
        @usableFromInline let capacity: Int
        @usableFromInline var _position = 0
        @usableFromInline var _overflowed = false
        public var position: Int { _position }
        /// True once a write did not fit; those bytes were dropped (as ``PagedOutputView``).
        public var overflowed: Bool { _overflowed }

        @usableFromInline init(base: UnsafeMutableRawPointer, capacity: Int) {
            self.base = base
            self.capacity = capacity
        }

        @inlinable @inline(__always)
        public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
            let width = MemoryLayout<T>.size
            guard position &+ width <= capacity else { _overflowed = true; return }
            base.storeBytes(of: value.bigEndian, toByteOffset: position, as: T.self)
            _position &+= width
        }

        @inlinable @inline(__always)
        public mutating func writeByte(_ byte: UInt8) { writeInteger(byte) }

        @inlinable
        public mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            let count = bytes.count
            guard position &+ count <= capacity else { _overflowed = true; return }
            let copied: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                (base + position).copyMemory(from: UnsafeRawPointer(buffer.baseAddress!), byteCount: count)
            }
            if copied == nil {
                var at = position
                for byte in bytes { base.storeBytes(of: byte, toByteOffset: at, as: UInt8.self); at += 1 }
            }
            _position &+= count
        }
    }

    public struct Reader: BinaryReader {
        @usableFromInline let base: UnsafeMutableRawPointer
        @usableFromInline let byteCount: Int
        @usableFromInline var _position = 0
        public var position: Int { _position }

        @usableFromInline init(base: UnsafeMutableRawPointer, byteCount: Int) {
            self.base = base
            self.byteCount = byteCount
        }

        public var remainingBytes: Int { byteCount - position }

        @inlinable @inline(__always)
        public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(SerializationError) -> T {
            let width = MemoryLayout<T>.size
            guard position &+ width <= byteCount else {
                throw SerializationError(.truncated, "needed \(width) bytes at offset \(position)")
            }
            let raw = base.loadUnaligned(fromByteOffset: position, as: T.self)
            _position &+= width
            return T(bigEndian: raw)
        }

        @inlinable @inline(__always)
        public mutating func readByte() throws(SerializationError) -> UInt8 { try readInteger(UInt8.self) }

        public mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] {
            try check(count)
            defer { _position += count }
            return [UInt8](UnsafeRawBufferPointer(start: base + position, count: count))
        }

        public mutating func readUTF8String(byteCount count: Int) throws(SerializationError) -> String {
            try check(count)
            let bytes = UnsafeRawBufferPointer(start: base + position, count: count)
            guard let string = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
                throw SerializationError(.malformed, "invalid UTF-8 at offset \(position)")
            }
            _position += count
            return string
        }

        public mutating func skip(_ count: Int) throws(SerializationError) {
            try check(count)
            _position += count
        }

        private func check(_ count: Int) throws(SerializationError) {
            guard count >= 0, count <= remainingBytes else {
                throw SerializationError(.truncated, "needed \(count) bytes at offset \(position), \(remainingBytes) left")
            }
        }
    }
}

extension FlatBuffer.Reader {
    /// As ``PagedInputView/readBytes(count:into:)``.
    public mutating func readBytes(count: Int, into buffer: inout [UInt8]) throws(SerializationError) {
        guard count >= 0, count <= remainingBytes else {
            throw SerializationError(.truncated, "needed \(count) bytes at offset \(position), \(remainingBytes) left")
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: base + _position, count: count))
        _position += count
    }
}
