import EddyCore
import Testing
@testable import EddyMemory

/// What the session operator uses of a table beyond integers: removal at a found slot, serialized
/// values through a cursor, and entries read straight from snapshot pages.
@Suite struct SegmentHashTableValueTests {
    func table(valueWidth: Int = 12) throws -> SegmentHashTable {
        try SegmentHashTable(
            valueWidth: valueWidth, memory: MemoryManager(budgetBytes: 256 * 4096, segmentSize: 4096).register(owner: "test/values"))
    }

    @Test func removingAtASlotEqualsRemovingTheKey() throws {
        let table = try table()
        for key in UInt64(0)..<3000 { table.store(UInt32(key), at: try table.findOrInsert(key).slot) }
        for key in stride(from: UInt64(0), to: 3000, by: 3) { table.remove(at: table.find(key)!) }
        #expect(table.count == 2000)
        for key in UInt64(0)..<3000 {
            #expect(table.find(key).map { table.load(UInt32.self, at: $0) } == (key % 3 == 0 ? nil : UInt32(key)))
        }
    }

    @Test func aCursorWritesAndReadsBigEndianWithinTheValue() throws {
        let table = try table()
        let slot = try table.findOrInsert(42).slot
        _ = table.takeDirtyPages()
        var writer = table.valueWriter(at: slot, offset: 2)
        writer.writeInteger(UInt64(0x0102_0304_0506_0708))
        writer.writeByte(9)
        #expect(table.takeDirtyPages() == [Int(slot.page)])
        var reader = table.valueReader(at: slot, offset: 2)
        #expect(reader.remainingBytes == 10)
        #expect(try reader.readInteger(UInt64.self) == 0x0102_0304_0506_0708)
        #expect(try reader.readByte() == 9)
        #expect(throws: SerializationError.self) { try reader.readInteger(UInt16.self) }
        #expect(table.load(UInt16.self, at: slot) == 0)
    }

    @Test func snapshotPagesListTheirEntries() throws {
        let table = try table()
        var model: [UInt64: [UInt8]] = [:]
        for key in [UInt64(0), 7, UInt64.max, 1 << 40] + (1..<500).map({ UInt64($0) * 7919 }) {
            let slot = try table.findOrInsert(key).slot
            var writer = table.valueWriter(at: slot, offset: 0)
            let bytes = (0..<12).map { UInt8(truncatingIfNeeded: key &>> UInt64($0 % 8 * 8)) }
            writer.writeBytes(bytes)
            model[key] = bytes
        }
        var seen: [UInt64: [UInt8]] = [:]
        for page in 0..<table.pageCount {
            try SegmentHashTable.forEachEntry(inPage: table.pageBytes(page), geometry: table.geometry) { key, value in
                seen[key] = Array(value)
            }
        }
        #expect(seen == model)
        var corrupt = table.pageBytes(0)
        corrupt[0] = 2
        #expect(throws: SerializationError.self) {
            try SegmentHashTable.forEachEntry(inPage: corrupt, geometry: table.geometry) { _, _ in }
        }
    }
}
