import EddyCore
@testable import EddyState
import Testing

@Suite("Key-group state file round trip")
struct KeyGroupStateFileRoundTripTests {
    typealias Fixture = KeyGroupStateFileFixture

    @Test("states, map keys and an empty key group survive a round trip")
    func small() throws {
        let bytes = Fixture.write(Fixture.smallEntries, keyGroups: Fixture.smallKeyGroups, maxParallelism: 64)
        let (reader, entries) = try Fixture.readAll(bytes, path: "chk-1/small")
        #expect(reader.states == Fixture.states)
        #expect(reader.maxParallelism == 64)
        #expect(reader.keyGroups == [3, 5, 9])
        #expect(entries == Fixture.smallEntries)
        var emptyGroupEntries = 0
        try reader.forEachEntry(inKeyGroup: 5) { _ in emptyGroupEntries += 1 }
        #expect(emptyGroupEntries == 0)
    }

    @Test("a key group the file does not hold has no entries")
    func absentKeyGroup() throws {
        let bytes = Fixture.write(Fixture.smallEntries, keyGroups: Fixture.smallKeyGroups)
        let reader = try KeyGroupStateFileReader(bytes: bytes, path: "p")
        var calls = 0
        try reader.forEachEntry(inKeyGroup: 4) { _ in calls += 1 }
        #expect(calls == 0)
    }

    @Test("a file without states or key groups round-trips")
    func empty() throws {
        let bytes = KeyGroupStateFileWriter(states: [], maxParallelism: 128).finish()
        let reader = try KeyGroupStateFileReader(bytes: bytes, path: "p")
        #expect(reader.states.isEmpty)
        #expect(reader.keyGroups.isEmpty)
    }

    @Test("many entries over many key groups, with large and empty payloads, round-trip")
    func many() throws {
        var random = SeededGenerator(seed: 42)
        var entries: [Fixture.Entry] = []
        let groups = Array(0..<128).filter { $0 % 3 != 1 }
        for group in groups {
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                let state = Int.random(in: 0..<3, using: &random)
                entries.append(
                    Fixture.Entry(
                        keyGroup: group, stateIndex: state, key: random.bytes(maxLength: 40),
                        namespace: random.bytes(maxLength: 8), mapKey: state == 2 ? random.bytes(maxLength: 20) : nil,
                        value: random.bytes(maxLength: Bool.random(using: &random) ? 300 : 4)))
            }
        }
        entries.append(
            Fixture.Entry(keyGroup: 0, stateIndex: 0, key: [1], namespace: [], mapKey: nil, value: Array(repeating: 7, count: 70_000)))
        let bytes = Fixture.write(entries, keyGroups: groups)
        let (reader, read) = try Fixture.readAll(bytes, path: "p")
        #expect(reader.keyGroups == groups)
        // Entries come back grouped by key group, in the order they were added within a group.
        let expected = groups.flatMap { group in entries.filter { $0.keyGroup == group } }
        #expect(read == expected)
    }

    @Test("key groups come back ascending even when written out of order")
    func unorderedKeyGroups() throws {
        let bytes = Fixture.write(Fixture.smallEntries, keyGroups: [9, 5, 3])
        let (reader, entries) = try Fixture.readAll(bytes, path: "p")
        #expect(reader.keyGroups == [3, 5, 9])
        #expect(Set(entries) == Set(Fixture.smallEntries))
    }
}
