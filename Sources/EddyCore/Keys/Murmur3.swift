/// MurmurHash3, x86 32-bit variant (Austin Appleby's reference `MurmurHash3_x86_32`).
///
/// Eddy partitions keys by hashing their serialized bytes with this function, never with Swift's
/// `Hasher`, which is seeded per process: a key must land in the same key group in every process
/// and after every restart, or restored state would be routed to the wrong operator.
public enum Murmur3 {
    @usableFromInline static let c1: UInt32 = 0xcc9e_2d51
    @usableFromInline static let c2: UInt32 = 0x1b87_3593

    /// The 32-bit hash of `bytes` with `seed`.
    ///
    /// Hashes contiguous collections (arrays, slices, `Data`) in place and copies any other
    /// collection into an array first.
    @inlinable
    public static func hash32<C: Collection>(_ bytes: C, seed: UInt32 = 0) -> UInt32
    where C.Element == UInt8 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hash32Core($0, seed: seed) }) {
            return hash
        }
        return hash32Core(Array(bytes), seed: seed)
    }

    /// The algorithm over random-access storage; generic so that it specializes for both the
    /// contiguous buffer and the array fallback without naming pointer types here.
    @inlinable
    static func hash32Core<C: RandomAccessCollection>(_ data: C, seed: UInt32) -> UInt32
    where C.Element == UInt8, C.Index == Int {
        let length = data.count
        let base = data.startIndex
        var h = seed
        let blockEnd = base + (length & ~3)
        var i = base
        // Body: 4-byte blocks read little-endian, as the reference implementation on x86.
        while i < blockEnd {
            var k = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16
                | UInt32(data[i + 3]) << 24
            k = mixK(k)
            h ^= k
            h = (h << 13 | h >> 19) &* 5 &+ 0xe654_6b64
            i += 4
        }
        // Tail: the last 0 to 3 bytes.
        var k: UInt32 = 0
        let tail = length & 3
        if tail >= 3 { k ^= UInt32(data[i + 2]) << 16 }
        if tail >= 2 { k ^= UInt32(data[i + 1]) << 8 }
        if tail >= 1 {
            k ^= UInt32(data[i])
            h ^= mixK(k)
        }
        // Finalization: the reference folds the length in as a 32-bit value.
        h ^= UInt32(truncatingIfNeeded: length)
        return fmix32(h)
    }

    @inlinable
    static func mixK(_ k: UInt32) -> UInt32 {
        var k = k &* c1
        k = k << 15 | k >> 17
        return k &* c2
    }

    /// Final avalanche so every input bit affects every output bit.
    @inlinable
    static func fmix32(_ h: UInt32) -> UInt32 {
        var h = h
        h ^= h >> 16
        h = h &* 0x85eb_ca6b
        h ^= h >> 13
        h = h &* 0xc2b2_ae35
        h ^= h >> 16
        return h
    }
}
