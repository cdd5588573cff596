/// The allocator round trip that a ``MemoryManager`` replaces: the baseline for
/// `eddy bench memory`'s segment acquire+release figure.
public enum MallocBaseline {
    /// Allocates and frees `byteCount` bytes (64-byte aligned, as segments) `times` times.
    /// - Returns: a value derived from the pointers, so the loop cannot be optimized away.
    @inline(never)
    public static func allocateAndFree(byteCount: Int, times: Int) -> Int {
        var mix = 0
        for _ in 0..<times {
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
            pointer.storeBytes(of: UInt8(1), as: UInt8.self)  // touch it, as a user of a segment would
            mix &+= Int(bitPattern: pointer)
            pointer.deallocate()
        }
        return mix
    }
}
