import EddyCore
import EddyState
import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB state TTL")
struct RocksDBTTLTests {
    static let ttl = StateTTLConfig(timeToLiveMillis: 100, compactionFilterQueryTimeAfterEntries: 1)

    @Test func valueExpiresAndReadRefreshes() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let plain = try backend.valueState(
            ValueStateDescriptor(name: "p", serializer: IntegerSerializer<Int64>(), ttl: Self.ttl), namespaceSerializer: void)
        var onRead = Self.ttl
        onRead.updateType = .onReadAndWrite
        let refreshed = try backend.valueState(
            ValueStateDescriptor(name: "r", serializer: IntegerSerializer<Int64>(), ttl: onRead), namespaceSerializer: void)
        var visible = Self.ttl
        visible.visibility = .returnExpiredIfNotCleanedUp
        let stale = try backend.valueState(
            ValueStateDescriptor(name: "s", serializer: IntegerSerializer<Int64>(), ttl: visible), namespaceSerializer: void)
        backend.setCurrentKey(1)
        try plain.update(1)
        try refreshed.update(2)
        try stale.update(3)
        fixture.clock.advance(by: 60)
        #expect(try refreshed.value() == 2)  // refreshed at 60
        fixture.clock.advance(by: 60)  // 120 after the writes
        #expect(try plain.value() == nil)
        #expect(try refreshed.value() == 2)
        #expect(try stale.value() == 3)  // returned once, cleaned up by that read
        #expect(try stale.value() == nil)
        #expect(try backend.db.get(fixtureKey(backend), in: backend.states["p"]!.family) == nil)  // lazily deleted
    }

    @Test func listElementsAndMapEntriesExpireOnTheirOwn() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let list = try backend.listState(
            ListStateDescriptor(name: "l", elementSerializer: StringSerializer(), ttl: Self.ttl), namespaceSerializer: void)
        let map = try backend.mapState(
            MapStateDescriptor(name: "m", keySerializer: IntegerSerializer<Int32>(), valueSerializer: StringSerializer(), ttl: Self.ttl),
            namespaceSerializer: void)
        backend.setCurrentKey(5)
        try list.add("old")
        try map.put(1, "old")
        fixture.clock.advance(by: 50)
        try list.add("new")
        try map.put(2, "new")
        fixture.clock.advance(by: 60)
        #expect(try list.get() == ["new"])
        #expect(try map.entries().map(\.key) == [2])
        #expect(try map.get(1) == nil)
        fixture.clock.advance(by: 100)
        #expect(try list.get().isEmpty)
        #expect(try map.isEmpty())
    }

    /// The compaction filter must remove expired data from the files, not just hide it.
    @Test func compactionFilterRemovesExpiredEntries() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let value = try backend.valueState(
            ValueStateDescriptor(name: "v", serializer: IntegerSerializer<Int64>(), ttl: Self.ttl), namespaceSerializer: void)
        let list = try backend.listState(
            ListStateDescriptor(name: "l", elementSerializer: StringSerializer(), ttl: Self.ttl), namespaceSerializer: void)
        let map = try backend.mapState(
            MapStateDescriptor(name: "m", keySerializer: IntegerSerializer<Int32>(), valueSerializer: IntegerSerializer<Int64>(), ttl: Self.ttl),
            namespaceSerializer: void)
        for key in Int64(0)..<100 {
            backend.setCurrentKey(key)
            try value.update(key)
            try list.add("old-\(key)")
            try map.put(1, key)
        }
        fixture.clock.advance(by: 60)
        for key in Int64(0)..<100 where key % 10 == 0 {
            backend.setCurrentKey(key)
            try value.update(key)  // refreshed: survives
            try list.add("new-\(key)")  // the list keeps only this element
            try map.put(2, key)
        }
        fixture.clock.advance(by: 60)  // the first writes are expired, the second not
        for state in ["v", "l", "m"] {
            let family = backend.states[state]!.family
            backend.db.compactRange(in: family)
            // RocksDB's C API filters values, not merge operands: the first compaction merges the
            // list's operands into a value, the second filters that value's elements.
            if state == "l" { backend.db.compactRange(in: family) }
        }
        #expect(rawEntries(backend, "v").count == 10)
        let lists = rawEntries(backend, "l")
        #expect(lists.count == 10)
        // Each surviving list value holds exactly one element: timestamp + "new-…".
        #expect(lists.allSatisfy { $0.value.count == 8 + StringSerializer().serialize("new-0").count || $0.value.count == 8 + StringSerializer().serialize("new-10").count })
        #expect(rawEntries(backend, "m").count == 10)
    }

    /// Every key/value pair stored in a state's column family, read raw.
    private func rawEntries(_ backend: IntBackend, _ state: String) -> [(key: [UInt8], value: [UInt8])] {
        let iterator = backend.db.makeIterator(in: backend.states[state]!.family)
        defer { iterator.close() }
        var entries: [(key: [UInt8], value: [UInt8])] = []
        iterator.seekToFirst()
        while iterator.isValid {
            entries.append((iterator.key, iterator.value))
            iterator.next()
        }
        return entries
    }

    private func fixtureKey(_ backend: IntBackend) -> [UInt8] { backend.context.keyPrefix.bytes }
}
