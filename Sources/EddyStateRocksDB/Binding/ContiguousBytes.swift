/// A valid pointer for zero-length slices: an empty Swift buffer may have a nil base address, and
/// RocksDB builds a `Slice` from whatever pointer it gets (a null one trips `memcmp`'s contract).
nonisolated(unsafe) private let emptyBytes: UnsafeMutablePointer<CChar> = {
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
}()

extension UnsafeRawBufferPointer {
    /// The bytes as the `const char*` RocksDB's C API takes; never nil.
    @inline(__always)
    var cChars: UnsafePointer<CChar> {
        guard let base = baseAddress else { return UnsafePointer(emptyBytes) }
        return base.assumingMemoryBound(to: CChar.self)
    }
}

/// Calls `body` with the bytes of `bytes`, without copying when the collection has contiguous storage
/// (`[UInt8]`, `ArraySlice`, `UnsafeRawBufferPointer`, `Data`); other collections are copied once.
///
/// The buffer is valid only inside `body`.
@inline(__always)
func withContiguousBytes<Bytes: Collection<UInt8>, R>(
    _ bytes: Bytes, _ body: (UnsafeRawBufferPointer) throws -> R
) rethrows -> R {
    if let result = try bytes.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    return try Array(bytes).withUnsafeBytes(body)
}
