import EddyCore
import Testing

/// Reference values from the `mmh3` Python package (`mmh3.hash128(bytes, seed, x64arch=True)`),
/// which wraps Appleby's C++ code; split into its halves h1 (low) and h2 (high).
@Suite struct Murmur3x64Tests {
    @Test func matchesTheReferenceOnStrings() {
        #expect(Murmur3.hash128([UInt8]()) == (0, 0) as (UInt64, UInt64))
        #expect(Murmur3.hash128(Array("hello".utf8)) == (0xcbd8_a7b3_41bd_9b02, 0x5b1e_906a_48ae_1d19))
        #expect(
            Murmur3.hash128(Array("The quick brown fox jumps over the lazy dog".utf8))
                == (0xe34b_bc7b_bc07_1b6c, 0x7a43_3ca9_c49a_9347))
        #expect(Murmur3.hash128(Array("hello".utf8), seed: 42) == (0xc4b8_b3c9_60af_6f08, 0x2334_b875_b0ef_bc7a))
    }

    @Test func hash64IsTheFirstHalfOverBigEndianBytes() {
        let vectors: [(UInt64, UInt64)] = [
            (0, 0x28df_63b7_cc57_c3cb), (1, 0x5752_fae6_9d16_53da), (42, 0x77ac_cc46_4065_739a),
            (0x0123_4567_89ab_cdef, 0x4daa_78bc_e696_99fc), (UInt64.max, 0xa0e4_b27a_1aba_ed73),
        ]
        for (key, expected) in vectors {
            #expect(Murmur3.hash64(key) == expected)
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: key >> (56 - 8 * UInt64($0))) }
            #expect(Murmur3.hash128(bytes).0 == expected)
        }
    }

    @Test func everyTailLengthTakesTheGenericPath() {
        // Lengths 0...33 cover empty input, every tail length and two blocks; the hash of a
        // contiguous array and of a non-contiguous collection must agree.
        let bytes = (0..<33).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var seen = Set<UInt64>()
        for length in 0...33 {
            let array = Array(bytes[0..<length])
            let viaSequence = Murmur3.hash128(array.lazy.map { $0 })
            #expect(Murmur3.hash128(array) == viaSequence)
            seen.insert(viaSequence.0)
        }
        #expect(seen.count == 34)
    }
}
