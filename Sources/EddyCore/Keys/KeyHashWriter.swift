/// A ``BinaryWriter`` that hashes a key's serialized bytes two ways in one pass: ``Murmur3`` (the
/// key group, fixed forever) and a keyed polynomial hash for in-memory hash tables (``tableHash``).
///
/// The table hash replaces Swift's `Hasher` (SipHash) on the heap backend's per-access path: the
/// key is serialized once per record for its key group anyway, so hashing the same 4-byte blocks
/// with a secret multiplier costs a few instructions more instead of a second full hash. Like
/// SipHash with its per-process seed, it resists hash flooding by keys chosen to collide: the
/// polynomial over the blocks, evaluated at a secret point modulo the prime 2^61 - 1, makes two
/// distinct keys of at most `n` blocks collide with probability at most (n + 1) / (2^61 - 1) over
/// the choice of the secret, whatever the keys. The murmur hash alone could not (it is unseeded and
/// invertible: colliding keys are easy to make).
///
/// Equal serialized bytes hash equally; tables keyed this way treat keys as equal exactly when
/// their serializations are (as partitioning and the RocksDB backend do).
public struct KeyHashWriter: BinaryWriter {
    /// 2^61 - 1, a Mersenne prime: reduction is a shift and an add.
    @usableFromInline static let prime: UInt64 = (1 << 61) - 1

    @usableFromInline var murmur: Murmur3Writer
    /// The polynomial so far, congruent modulo `prime` and below `prime + 4` (partly reduced).
    @usableFromInline var polynomial: UInt64 = 0
    @usableFromInline let point: UInt64

    /// - Parameter point: the secret, from ``randomPoint()`` once per table owner (a process-wide
    ///   or predictable one would give the flooding resistance away).
    @inlinable
    public init(point: UInt64) {
        precondition(point > 0 && point < Self.prime, "the point of a KeyHashWriter is in 1..<2^61-1")
        murmur = Murmur3Writer(seed: 0)
        self.point = point
    }

    /// A secret point in 1..<2^61-1 from the system's random number generator.
    public static func randomPoint() -> UInt64 { UInt64.random(in: 1..<prime) }

    /// A number below 2^62 + 4 congruent to `a * b` modulo `prime`, for `a`, `b` < `prime + 4`.
    @inlinable
    static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        // product = high·2^64 + low, and 2^61 ≡ 1: fold the bits above 61 onto the low 61.
        return (product.low & prime) &+ (product.high << 3 | product.low >> 61)
    }

    /// A number below `prime + 4` congruent to `x` modulo `prime`.
    @inlinable
    static func fold(_ x: UInt64) -> UInt64 { (x & prime) &+ (x >> 61) }

    @inlinable
    mutating func absorb(_ block: UInt32) {
        polynomial = Self.fold(Self.multiply(polynomial, point) &+ UInt64(block))
    }

    @inlinable
    public mutating func writeByte(_ byte: UInt8) {
        // The little-endian block murmur completes with this byte, if it does.
        let block = murmur.pending | UInt32(byte) << ((murmur.length & 3) << 3)
        murmur.writeByte(byte)
        if murmur.length & 3 == 0 { absorb(block) }
    }

    @inlinable
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        // Whole 32-bit words on a block boundary (a key that is one integer): the blocks murmur mixes.
        guard murmur.length & 3 == 0 && T.bitWidth & 31 == 0 else {
            return Murmur3Writer.forEachByte(of: value) { writeByte($0) }
        }
        Murmur3Writer.forEachBlock(of: value) { block in
            murmur.mixBlock(block)
            absorb(block)
        }
        murmur.length += T.bitWidth >> 3
    }

    @inlinable
    public mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for byte in bytes { writeByte(byte) }
    }

    /// `Murmur3.hash32` of the bytes written (the key group's hash).
    @inlinable
    public var murmurHash: UInt32 { murmur.finalize() }

    /// The keyed hash of the bytes written: the unfinished block and the length are the last two
    /// coefficients, so keys that differ only in trailing zero bytes differ.
    @inlinable
    public var tableHash: Int {
        var hash = Self.fold(Self.multiply(polynomial, point) &+ UInt64(murmur.pending))
        hash = Self.fold(Self.multiply(hash, point) &+ UInt64(murmur.length))
        return Int(truncatingIfNeeded: hash)
    }
}
