/// MurmurHash3, x64 128-bit variant (Austin Appleby's reference `MurmurHash3_x64_128`): the 64-bit
/// hashes of hash tables and sketches (Bloom filters and HyperLogLog need more than 32 bits: an HLL
/// of precision 14 takes 14 bits for the register and ranks the other 50).
///
/// Deterministic across processes and restarts, unlike Swift's `Hasher`: sketches and table pages
/// are checkpointed and must hash the same after a restore.
extension Murmur3 {
    @usableFromInline static let x64c1: UInt64 = 0x87c3_7b91_1142_53d5
    @usableFromInline static let x64c2: UInt64 = 0x4cf5_ad43_2745_937f

    /// The 128-bit hash of `bytes` with `seed`, as the reference's two 64-bit halves `(h1, h2)`.
    @inlinable
    public static func hash128<C: Collection>(_ bytes: C, seed: UInt32 = 0) -> (UInt64, UInt64)
    where C.Element == UInt8 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hash128Core($0, seed: seed) }) { return hash }
        return hash128Core(Array(bytes), seed: seed)
    }

    /// The first 64 bits (`h1`) of the 128-bit hash of `key`'s 8 big-endian bytes: the key as
    /// `IntegerSerializer` writes it. The per-record hash of Eddy's UInt64-keyed tables and sketches.
    /// - Complexity: O(1); a handful of multiplications, no memory access.
    @inlinable @inline(__always)
    public static func hash64(_ key: UInt64, seed: UInt32 = 0) -> UInt64 {
        // Eight bytes are all tail: the reference reads them little-endian, so the big-endian bytes
        // of `key` arrive as `key.byteSwapped`.
        var h1 = UInt64(seed)
        var h2 = UInt64(seed)
        h1 ^= mixK1(key.byteSwapped)
        h1 ^= 8
        h2 ^= 8
        h1 &+= h2
        h2 &+= h1
        h1 = fmix64(h1)
        h2 = fmix64(h2)
        return h1 &+ h2
    }

    @inlinable
    static func hash128Core<C: RandomAccessCollection>(_ data: C, seed: UInt32) -> (UInt64, UInt64)
    where C.Element == UInt8, C.Index == Int {
        let length = data.count
        let base = data.startIndex
        var h1 = UInt64(seed)
        var h2 = UInt64(seed)
        func word(_ at: Int, _ count: Int) -> UInt64 {
            var value: UInt64 = 0
            for i in 0..<count { value |= UInt64(data[at + i]) << (8 * UInt64(i)) }
            return value
        }
        let blockEnd = base + (length & ~15)
        var i = base
        while i < blockEnd {
            h1 ^= mixK1(word(i, 8))
            h1 = rotl(h1, 27) &+ h2
            h1 = h1 &* 5 &+ 0x52dc_e729
            h2 ^= mixK2(word(i + 8, 8))
            h2 = rotl(h2, 31) &+ h1
            h2 = h2 &* 5 &+ 0x3849_5ab5
            i += 16
        }
        let tail = length & 15
        if tail > 8 { h2 ^= mixK2(word(i + 8, tail - 8)) }
        if tail > 0 { h1 ^= mixK1(word(i, Swift.min(tail, 8))) }
        h1 ^= UInt64(length)
        h2 ^= UInt64(length)
        h1 &+= h2
        h2 &+= h1
        h1 = fmix64(h1)
        h2 = fmix64(h2)
        h1 &+= h2
        h2 &+= h1
        return (h1, h2)
    }

    @inlinable @inline(__always)
    static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { x << r | x >> (64 - r) }

    @inlinable @inline(__always)
    static func mixK1(_ k: UInt64) -> UInt64 { rotl(k &* x64c1, 31) &* x64c2 }

    @inlinable @inline(__always)
    static func mixK2(_ k: UInt64) -> UInt64 { rotl(k &* x64c2, 33) &* x64c1 }

    /// Final avalanche of the 64-bit variant.
    @inlinable @inline(__always)
    static func fmix64(_ k: UInt64) -> UInt64 {
        var k = k
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
