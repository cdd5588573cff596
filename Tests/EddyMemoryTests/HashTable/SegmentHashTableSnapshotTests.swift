import EddyCore
import Testing
@testable import EddyMemory

@Suite struct SegmentHashTableSnapshotTests {
    let memory = MemoryManager(budgetBytes: 512 * 4096, segmentSize: 4096)

    func filledTable(_ keys: Range<UInt64>) throws -> SegmentHashTable {
        let table = try SegmentHashTable(valueWidth: 4, memory: memory.register(owner: "source"))
        for key in keys { table.store(UInt32(truncatingIfNeeded: key * 7), at: try table.findOrInsert(key).slot) }
        return table
    }

    func contents(_ table: SegmentHashTable) -> [UInt64: UInt32] {
        var result: [UInt64: UInt32] = [:]
        table.forEach { result[$0] = table.load(UInt32.self, at: $1) }
        return result
    }

    @Test func pagesAndGeometryRebuildTheTable() throws {
        let table = try filledTable(0..<3000)
        let geometry = try HashTableGeometry(bytes: table.geometry.bytes)
        let restored = try SegmentHashTable(restoring: geometry, memory: memory.register(owner: "restored")) { table.pageBytes($0) }
        #expect(contents(restored) == contents(table))
        #expect(restored.takeDirtyPages().isEmpty)
        // The restored table goes on working: inserts, removals, growth.
        for key in UInt64(3000)..<9000 { _ = try restored.findOrInsert(key) }
        #expect(restored.remove(17))
        #expect(restored.count == 8999)
    }

    @Test func dirtyPagesAreTheOnesWrittenSinceTheLastTake() throws {
        let table = try filledTable(0..<3000)
        #expect(table.takeDirtyPages().count == table.pageCount)
        #expect(table.takeDirtyPages().isEmpty)
        let slot = try #require(table.find(42))
        table.store(UInt32(1), at: slot)
        #expect(table.takeDirtyPages() == [Int(slot.page)])
    }

    @Test func damagedPagesAreRefused() throws {
        let table = try filledTable(0..<500)
        let geometry = table.geometry
        var firstPage = table.pageBytes(0)
        let full = try #require((0..<table.bucketsPerPage).first { firstPage[$0 * table.bucketWidth] == 1 })
        firstPage[full * table.bucketWidth] = 7
        let badControl = #expect(throws: SerializationError.self) {
            _ = try SegmentHashTable(restoring: geometry, memory: memory.register(owner: "r1")) { $0 == 0 ? firstPage : table.pageBytes($0) }
        }
        #expect(badControl?.message.contains("control byte 7") == true)
        // A key moved to another bucket is no longer reachable from its home.
        var moved = table.pageBytes(0)
        let empty = try #require((0..<table.bucketsPerPage).last { moved[$0 * table.bucketWidth] == 0 })
        let from = full * table.bucketWidth
        moved.replaceSubrange(empty * table.bucketWidth..<(empty + 1) * table.bucketWidth, with: moved[from..<(from + table.bucketWidth)])
        moved.replaceSubrange(from..<(from + table.bucketWidth), with: [UInt8](repeating: 0, count: table.bucketWidth))
        #expect(throws: SerializationError.self) {
            _ = try SegmentHashTable(restoring: geometry, memory: memory.register(owner: "r2")) { $0 == 0 ? moved : table.pageBytes($0) }
        }
        var wrongCount = geometry
        wrongCount.count += 1
        #expect(throws: SerializationError.self) {
            _ = try SegmentHashTable(restoring: wrongCount, memory: memory.register(owner: "r3")) { table.pageBytes($0) }
        }
    }
}
