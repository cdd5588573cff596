import EddyCore
@testable import EddyState
import Testing

/// Delta files (version 2): tombstones next to entries, full files unchanged, and readers that do
/// not apply deltas refuse them.
@Suite("Key-group state delta files")
struct KeyGroupStateFileDeltaTests {
    typealias Fixture = KeyGroupStateFileFixture

    static func delta() -> [UInt8] {
        var writer = KeyGroupStateFileWriter(states: Fixture.states, maxParallelism: 128, isDelta: true)
        writer.beginKeyGroup(7)
        writer.addEntry(stateIndex: 0, key: [1], namespace: [], value: [0, 0, 0, 9])
        writer.addTombstone(stateIndex: 2, key: [2, 3], namespace: [4])
        writer.addEntry(stateIndex: 2, key: [5], namespace: [], mapKey: [0x6B], value: [1])
        return writer.finish()
    }

    @Test("entries and tombstones round-trip through forEachChange")
    func roundTrip() throws {
        let reader = try KeyGroupStateFileReader(bytes: Self.delta(), path: "shared/d.delta")
        #expect(reader.isDelta)
        #expect(reader.keyGroups == [7])
        var changes: [(Int, [UInt8], [UInt8], [UInt8]?, [UInt8], Bool)] = []
        try reader.forEachChange(inKeyGroup: 7) {
            changes.append(($0.stateIndex, Array($0.key), Array($0.namespace), $0.mapKey.map(Array.init), Array($0.value), $0.isTombstone))
        }
        #expect(changes.count == 3)
        #expect(changes[0].0 == 0 && changes[0].4 == [0, 0, 0, 9] && !changes[0].5)
        #expect(changes[1].0 == 2 && changes[1].1 == [2, 3] && changes[1].2 == [4] && changes[1].4.isEmpty && changes[1].5)
        #expect(changes[2].3 == [0x6B] && !changes[2].5)
    }

    @Test("full files keep version 1 and read as before")
    func fullFilesUnchanged() throws {
        let bytes = Fixture.write(Fixture.smallEntries, keyGroups: Fixture.smallKeyGroups)
        #expect(bytes[4] == 1)
        let (reader, entries) = try Fixture.readAll(bytes, path: "p")
        #expect(!reader.isDelta)
        #expect(entries == Fixture.smallEntries)
    }

    @Test("forEachEntry refuses a delta file, naming it")
    func plainReadersRefuseDeltas() throws {
        let reader = try KeyGroupStateFileReader(bytes: Self.delta(), path: "shared/d.delta")
        let error = expectStateError(.incompatible, path: "shared/d.delta") { try reader.forEachEntry(inKeyGroup: 7) { _ in } }
        #expect(error?.message.contains("delta") == true)
    }

    @Test("a tombstone flag in a full file is corrupt")
    func tombstoneInFullFile() throws {
        var bytes = Fixture.write([Fixture.smallEntries[0]], keyGroups: [3])
        // Header: magic, version, u32, varint 3 states and their names; the entry's flags byte
        // follows its state index (0) after the block's u32 group and varint count.
        let flags = try #require(Self.offsetOfFirstFlags(bytes))
        bytes[flags] = KeyGroupStateFileWriter.tombstoneFlag
        expectStateError(.corruptSnapshot, path: "p") { _ = try Fixture.readAll(bytes, path: "p") }
    }

    /// The offset of the first entry's flags byte of a one-block file.
    static func offsetOfFirstFlags(_ bytes: [UInt8]) -> Int? {
        // The footer's index gives the block's offset: u32 group, u64 offset, u64 length.
        let indexStart = bytes.count - 16 - 20
        var offset = 0
        for i in (indexStart + 4)..<(indexStart + 12) { offset = offset << 8 | Int(bytes[i]) }
        // u32 key group, varint count (1 byte), varint state index (1 byte).
        return offset + 4 + 1 + 1
    }
}
