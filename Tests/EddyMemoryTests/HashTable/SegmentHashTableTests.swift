import EddyCore
import Testing
@testable import EddyMemory

@Suite struct SegmentHashTableTests {
    /// Small segments, so a few thousand entries span many pages and grow several times.
    func owner(segments: Int = 1024, limit: Int? = nil) -> MemoryOwner {
        MemoryManager(budgetBytes: segments * 4096, segmentSize: 4096).register(owner: "test/table", limit: limit)
    }

    @Test func randomOperationsAgreeWithADictionary() throws {
        let table = try SegmentHashTable(valueWidth: 4, memory: owner())
        var model: [UInt64: UInt32] = [:]
        var random = SeededGenerator(seed: 7)
        // Keys from a small range so inserts, updates and removals all hit; plus the extremes.
        for step in 0..<40_000 {
            let key: UInt64 = step % 97 == 0 ? [0, UInt64.max][step % 2] : UInt64.random(in: 0..<5_000, using: &random)
            switch UInt8.random(in: 0..<10, using: &random) {
            case 0..<6:
                let value = UInt32.random(in: 0...UInt32.max, using: &random)
                let (slot, inserted) = try table.findOrInsert(key)
                #expect(inserted == (model[key] == nil))
                if inserted { #expect(table.load(UInt32.self, at: slot) == 0) }
                table.store(value, at: slot)
                model[key] = value
            case 6..<8:
                #expect(table.remove(key) == (model.removeValue(forKey: key) != nil))
            default:
                #expect(table.find(key).map { table.load(UInt32.self, at: $0) } == model[key])
            }
        }
        #expect(table.count == model.count)
        var seen: [UInt64: UInt32] = [:]
        table.forEach { key, slot in
            #expect(table.key(at: slot) == key)
            seen[key] = table.load(UInt32.self, at: slot)
        }
        #expect(seen == model)
        #expect(table.pageCount > 1)
        #expect(table.loadFactor <= table.maxLoadFactor)
    }

    @Test func removeAllWhereKeepsEveryOtherEntryReachable() throws {
        let table = try SegmentHashTable(valueWidth: 8, memory: owner())
        for key in UInt64(0)..<20_000 { table.store(key &* 3, at: try table.findOrInsert(key).slot) }
        let removed = table.removeAll { _, slot in table.load(UInt64.self, at: slot) % 2 == 0 }
        #expect(removed == 10_000)
        #expect(table.count == 10_000)
        for key in UInt64(0)..<20_000 {
            let found = table.find(key)
            #expect((found != nil) == (key % 2 == 1), "key \(key)")
            if let found { #expect(table.load(UInt64.self, at: found) == key &* 3) }
        }
    }

    @Test func aFullBudgetIsReportedAndTheTableStaysUsable() throws {
        // 8 segments: the table grows to 4 pages (the next doubling needs 8 more), then fills to its hard load.
        let table = try SegmentHashTable(valueWidth: 4, memory: owner(limit: 8))
        var inserted: UInt64 = 0
        let error = #expect(throws: MemoryError.self) {
            while true {
                _ = try table.findOrInsert(inserted)
                inserted += 1
            }
        }
        #expect(error?.code == .budgetExhausted)
        #expect(error?.message.contains("cannot grow") == true)
        #expect(table.count == Int(inserted))
        #expect(table.loadFactor >= 0.89)
        // Existing keys are still found and updated; only new keys are refused.
        let slot = try #require(table.find(5))
        #expect(try table.findOrInsert(5).inserted == false)
        table.store(UInt32(9), at: slot)
        #expect(table.load(UInt32.self, at: slot) == 9)
    }

    @Test func beforeGrowthCanEvictInsteadOfGrowing() throws {
        let table = try SegmentHashTable(valueWidth: 4, memory: owner())
        var evictions = 0
        table.beforeGrowth = { [unowned table] in
            evictions += 1
            return table.removeAll { key, _ in key % 4 != 0 } > 0
        }
        let pages = table.pageCount
        for key in UInt64(0)..<UInt64(table.capacity) { _ = try table.findOrInsert(key) }
        #expect(evictions > 0)
        #expect(table.pageCount == pages)
    }

    @Test func memoryIsReturnedWhenTheTableGoes() throws {
        let manager = MemoryManager(budgetBytes: 64 * 4096, segmentSize: 4096)
        let memory = manager.register(owner: "t")
        do {
            let table = try SegmentHashTable(valueWidth: 4, memory: memory, initialCapacity: 2000)
            #expect(table.memoryBytes == table.pageCount * 4096)
            #expect(manager.statistics.usedSegments == table.pageCount)
        }
        #expect(manager.statistics.usedSegments == 0)
    }
}
