/// SplitMix64 (Steele, Lea, Flood 2014; Vigna's reference constants): a tiny, fast, seedable
/// random number generator.
///
/// Used wherever output must be reproducible from a seed (test data, benchmarks): unlike
/// `SystemRandomNumberGenerator` it gives the same sequence on every run and platform. Not
/// cryptographic. `nextInt(below:)` is implemented here rather than using the standard library's
/// `next(upperBound:)` so the mapping from bits to ranges cannot change with the toolchain.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: UInt64

    /// A generator whose sequence is fully determined by `seed`.
    @inlinable
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in `0..<bound`, without modulo bias (Lemire's multiply-and-reject method).
    ///
    /// - Precondition: `bound > 0`.
    @inlinable
    public mutating func nextInt(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            // Rare path: reject the few low words that would over-represent some results.
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform value in `[0, 1)` with 53 bits of precision.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
