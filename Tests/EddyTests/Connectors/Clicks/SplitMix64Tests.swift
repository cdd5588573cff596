import Testing

@testable import Eddy

/// SplitMix64 must match the reference algorithm: generated data sets are identified by their seed.
@Suite struct SplitMix64Tests {
    @Test func matchesReferenceOutputForSeedZero() {
        // First outputs of Vigna's splitmix64.c with x = 0.
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func nextIntStaysBelowBoundAndCoversIt() {
        var random = SplitMix64(seed: 42)
        var seen = Set<UInt64>()
        for _ in 0..<10_000 {
            let value = random.nextInt(below: 7)
            #expect(value < 7)
            seen.insert(value)
        }
        #expect(seen.count == 7)
        #expect(random.nextInt(below: 1) == 0)
    }

    @Test func unitDoubleIsInHalfOpenUnitInterval() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<10_000 {
            let value = random.nextUnitDouble()
            #expect(value >= 0 && value < 1)
        }
    }
}
