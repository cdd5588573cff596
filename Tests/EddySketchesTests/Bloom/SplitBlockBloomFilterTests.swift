import EddyCore
import EddyMemory
import Testing
@testable import EddySketches

@Suite struct SplitBlockBloomFilterTests {
    let memory = MemoryManager(budgetBytes: 256 << 20).register(owner: "bloom")

    @Test func sizingFollowsParquetsFormula() {
        // 1M items at 1 %: 9.68M bits = 37,819 blocks (1.2 MB).
        #expect(SplitBlockBloomFilter.blockCount(expectedItems: 1_000_000, falsePositiveRate: 0.01) == 37_819)
        #expect(SplitBlockBloomFilter.blockCount(expectedItems: 1, falsePositiveRate: 0.5) == 1)
    }

    @Test func noFalseNegativesAndAboutTheDesignedFalsePositiveRate() throws {
        let filter = try SplitBlockBloomFilter(expectedItems: 50_000, falsePositiveRate: 0.01, memory: memory)
        for key in UInt64(0)..<50_000 { filter.insert(key) }
        #expect((UInt64(0)..<50_000).allSatisfy { filter.contains(hash: Murmur3.hash64($0)) })
        let falsePositives = (UInt64(1) << 40..<(UInt64(1) << 40) + 100_000).filter { filter.contains(hash: Murmur3.hash64($0)) }.count
        #expect(falsePositives > 300 && falsePositives < 1_500, "false-positive rate \(Double(falsePositives) / 100_000)")
    }

    @Test(arguments: [1_000, 20_000, 50_000])
    func theFillEstimateIsWithinOnePercentUpToTheDesignedLoad(_ n: Int) throws {
        let filter = try SplitBlockBloomFilter(expectedItems: 50_000, falsePositiveRate: 0.01, memory: memory)
        for key in 0..<UInt64(n) { filter.insert(key &* 7 &+ 3) }
        #expect(abs(filter.estimate() - Double(n)) / Double(n) < 0.01, "estimate \(filter.estimate()) of \(n)")
    }

    @Test func unionIsTheFilterOfTheUnion() throws {
        let small = MemoryManager(budgetBytes: 16 << 20, segmentSize: 4096).register(owner: "small")
        let a = try SplitBlockBloomFilter(blockCount: 300, memory: small)
        let b = try SplitBlockBloomFilter(blockCount: 300, memory: small)
        let both = try SplitBlockBloomFilter(blockCount: 300, memory: small)
        #expect(a.pageCount == 3)
        for key in UInt64(0)..<6_000 {
            (key % 4 == 0 ? a : b).insert(key)
            both.insert(key)
        }
        #expect(SplitBlockBloomFilter.estimateUnion([a, b]) == both.estimate())
        _ = a.takeDirtyPages()
        a.formUnion(b)
        #expect(a.setBitCount == both.setBitCount)
        #expect(a.takeDirtyPages() == [0, 1, 2])
    }

    @Test func serializedFiltersRoundTripAndDamageIsRefused() throws {
        let filter = try SplitBlockBloomFilter(blockCount: 1_500, memory: memory)
        for key in UInt64(0)..<10_000 { filter.insert(key) }
        let bytes = filter.serialized()
        let copy = try SplitBlockBloomFilter(serialized: bytes, memory: memory)
        #expect(copy.setBitCount == filter.setBitCount)
        #expect((UInt64(0)..<10_000).allSatisfy { copy.contains(hash: Murmur3.hash64($0)) })
        var damaged = bytes
        damaged[2_000] ^= 0x80
        #expect(throws: SerializationError.self) { _ = try SplitBlockBloomFilter(serialized: damaged, memory: memory) }
    }
}
