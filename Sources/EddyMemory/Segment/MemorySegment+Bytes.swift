extension MemorySegment {
    /// Copies `bytes` into the segment at `offset`.
    /// - Complexity: O(n); one `memcpy` when the collection has contiguous storage.
    @inlinable
    public func putBytes<C: Collection>(_ bytes: C, at offset: Int) where C.Element == UInt8 {
        checkBounds(offset, bytes.count)
        let copied: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            if let source = buffer.baseAddress {
                (base + offset).copyMemory(from: source, byteCount: buffer.count)
            }
        }
        if copied == nil {
            var position = offset
            for byte in bytes {
                base.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
                position += 1
            }
        }
    }

    /// Copies `count` bytes at `offset` into a new array.
    public func getBytes(at offset: Int, count: Int) -> [UInt8] {
        checkBounds(offset, count)
        return [UInt8](UnsafeRawBufferPointer(start: base + offset, count: count))
    }

    /// Copies `count` bytes from this segment at `offset` to `target` at `targetOffset`.
    /// The ranges may overlap when both are the same segment.
    @inlinable
    public func copy(from offset: Int, to target: MemorySegment, at targetOffset: Int, count: Int) {
        checkBounds(offset, count)
        target.checkBounds(targetOffset, count)
        // memmove semantics: safe for overlapping ranges within one segment.
        (target.base + targetOffset).copyMemory(from: base + offset, byteCount: count)
    }

    /// Compares `count` bytes lexicographically, unsigned, as `memcmp`.
    /// - Returns: a negative number, zero or a positive number as this range sorts before, equal to
    ///   or after the other.
    @inlinable
    public func compare(
        at offset: Int, with other: MemorySegment, at otherOffset: Int, count: Int
    ) -> Int {
        checkBounds(offset, count)
        other.checkBounds(otherOffset, count)
        return Int(memcmpBytes(base + offset, other.base + otherOffset, count))
    }

    /// Sets `count` bytes at `offset` to `value`.
    public func fill(_ value: UInt8, at offset: Int = 0, count: Int? = nil) {
        let n = count ?? size - offset
        checkBounds(offset, n)
        (base + offset).initializeMemory(as: UInt8.self, repeating: value, count: n)
    }

    /// Scoped read access to the whole segment. The pointer must not escape `body`.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: size))
    }

    /// Scoped write access to the whole segment. The pointer must not escape `body`.
    @inlinable
    public func withUnsafeMutableBytes<R, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeMutableRawBufferPointer(start: base, count: size))
    }
}

/// `memcmp` without importing Glibc into every caller's module.
@inlinable @inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
    var i = 0
    // 8 bytes at a time, compared as big-endian so the first differing byte decides.
    while i + 8 <= count {
        let x = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let y = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        if x != y { return x < y ? -1 : 1 }
        i += 8
    }
    while i < count {
        let x = a.load(fromByteOffset: i, as: UInt8.self)
        let y = b.load(fromByteOffset: i, as: UInt8.self)
        if x != y { return x < y ? -1 : 1 }
        i += 1
    }
    return 0
}

extension MemorySegment {
    /// Decodes `count` bytes at `offset` as UTF-8, validating it.
    /// - Returns: nil when the bytes are not valid UTF-8.
    public func getUTF8String(at offset: Int, count: Int) -> String? {
        checkBounds(offset, count)
        let bytes = UnsafeRawBufferPointer(start: base + offset, count: count)
        return String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self)
    }
}
