import EddyCore
import EddyMemory
@testable import EddyWindowing
import Testing

@Suite struct SegmentSliceTableTests {
    @Test func storesFindsAndListsKeysIncludingZero() {
        let memory = MemoryManager(budgetBytes: 64 * MemorySegment.defaultSize)
        let table = SegmentSliceTable(valueSize: 8, owner: memory.register(owner: "t"))
        var expected: [UInt64: Int64] = [:]
        for key in [UInt64(0), 1, UInt64.max] + (0..<10_000).map({ SliceHashTableMix.mix($0) }) {
            let (slot, inserted) = table.insert(key)!
            #expect(inserted == (expected[key] == nil))
            slot.segment.put(Int64(key & 0xFFFF), at: slot.offset)
            expected[key] = Int64(key & 0xFFFF)
        }
        #expect(table.count == expected.count)
        #expect(table.insert(1)?.inserted == false)
        var listed: [UInt64: Int64] = [:]
        table.forEach { key, slot in listed[key] = slot.segment.get(Int64.self, at: slot.offset) }
        #expect(listed == expected)
        #expect(table.find(12345) == nil)
        #expect(table.find(0).map { $0.segment.get(Int64.self, at: $0.offset) } == 0)
        table.release()
        #expect(memory.statistics.usedSegments == 0)
    }

    @Test func reportsNoRoomWhenTheBudgetIsUsedUpAndKeepsWhatItHas() {
        let memory = MemoryManager(budgetBytes: 3 * MemorySegment.defaultSize)
        let table = SegmentSliceTable(valueSize: 8, owner: memory.register(owner: "t"))
        var stored = 0
        for key in UInt64(1)...100_000 {
            guard table.insert(key) != nil else { break }
            stored += 1
        }
        // 2 segments of 2048 slots fit (4096 at 15/16 load); growing to 4 segments does not.
        #expect(stored == 4096 / 16 * 15)
        #expect(table.count == stored)
        #expect(table.find(1) != nil && table.find(UInt64(stored)) != nil)
        #expect(table.insert(1)?.inserted == false, "present keys are found without room")
        #expect(table.segmentCount == 2)
    }

    @Test func packedKeysRoundTripAndHashToTheirKeyGroups() throws {
        let codec = try #require(SliceKeyCodec(IntegerSerializer<Int64>()))
        for key: Int64 in [0, 1, -1, .min, .max, 123_456_789] {
            let bits = codec.encode(key)
            #expect(bits == UInt64(bitPattern: key))
            #expect(try codec.decode(bits) == key)
            #expect(codec.keyGroup(bits, maxParallelism: 128)
                == KeyGroupRangeAssignment.keyGroup(for: key, serializer: IntegerSerializer<Int64>(), maxParallelism: 128))
        }
        let small = try #require(SliceKeyCodec(IntegerSerializer<Int32>()))
        #expect(try small.decode(small.encode(-7)) == -7)
        #expect(small.bytes(small.encode(-7)) == IntegerSerializer<Int32>().serialize(-7))
        #expect(SliceKeyCodec(StringSerializer()) == nil)
    }
}
