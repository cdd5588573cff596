import Foundation

extension SplitBlockBloomFilter {
    /// Bits set.
    public var setBitCount: Int { Self.unionSetBits([self]) }

    /// The number of distinct items from the fill (Swamidass & Baldi 2007): with `m` bits of which
    /// `X` are set and 8 bits per item, `n ≈ −(m / 8) ln(1 − X / m)`. For split blocks this is exact
    /// in expectation: a word's bit stays clear with probability `exp(−n / (32 B)) = exp(−8n / m)`
    /// when items fall on blocks as a Poisson process. A full filter gives `m` (it has saturated).
    public func estimate() -> Double { Self.estimateUnion([self]) }

    public static func estimateUnion(_ sketches: [SplitBlockBloomFilter]) -> Double {
        guard let first = sketches.first else { return 0 }
        let m = Double(first.bitCount)
        let set = Double(unionSetBits(sketches))
        guard set < m else { return m }
        return -(m / 8) * log(1 - set / m)
    }

    /// Bits set in the OR of `sketches`, without building it.
    static func unionSetBits(_ sketches: [SplitBlockBloomFilter]) -> Int {
        // More than two happens only in tests: OR them word by word.
        if sketches.count > 2 { return orCount(sketches) }
        let first = sketches[0]
        var total = 0
        for page in first.segments.indices {
            let words = first.usedBytes(page) / 8
            first.segments[page].withUnsafeBytes { a in
                if sketches.count == 1 {
                    for i in 0..<words { total += a.load(fromByteOffset: i * 8, as: UInt64.self).nonzeroBitCount }
                    return
                }
                sketches[1].segments[page].withUnsafeBytes { b in
                    for i in 0..<words {
                        total += (a.load(fromByteOffset: i * 8, as: UInt64.self) | b.load(fromByteOffset: i * 8, as: UInt64.self))
                            .nonzeroBitCount
                    }
                }
            }
        }
        return total
    }

    static func orCount(_ sketches: [SplitBlockBloomFilter]) -> Int {
        var total = 0
        for page in sketches[0].segments.indices {
            for offset in stride(from: 0, to: sketches[0].usedBytes(page), by: 8) {
                var word: UInt64 = 0
                for sketch in sketches { word |= sketch.segments[page].get(UInt64.self, at: offset) }
                total += word.nonzeroBitCount
            }
        }
        return total
    }
}
