import EddyCore
import EddyState
import EddyStateHeap
import Testing

/// TTL semantics with a manual clock: update types, visibility, per-element expiry, lazy cleanup.
@Suite struct HeapStateTableTTLTests {
    static func ttl(
        _ update: StateTTLConfig.UpdateType = .onCreateAndWrite,
        _ visibility: StateTTLConfig.Visibility = .neverReturnExpired, incremental: Int = 0, fullSnapshot: Bool = true
    ) -> StateTTLConfig {
        StateTTLConfig(
            timeToLiveMillis: 100, updateType: update, visibility: visibility, incrementalCleanupSize: incremental,
            cleanupInFullSnapshot: fullSnapshot)
    }

    @Test func onCreateAndWriteExpiresAfterTheWrite() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value(ttl: Self.ttl()))
        backend.setCurrentKey(1)
        try state.update(7)
        fixture.clock.advance(by: 60)
        #expect(try state.value() == 7)  // reading does not refresh
        fixture.clock.advance(by: 40)
        #expect(try state.value() == nil)
    }

    @Test func onReadAndWriteRefreshesOnRead() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value(ttl: Self.ttl(.onReadAndWrite)))
        backend.setCurrentKey(1)
        try state.update(7)
        fixture.clock.advance(by: 60)
        #expect(try state.value() == 7)
        fixture.clock.advance(by: 60)
        #expect(try state.value() == 7)
        fixture.clock.advance(by: 100)
        #expect(try state.value() == nil)
    }

    @Test func returnExpiredIfNotCleanedUpReturnsItOnceThenItIsGone() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value(ttl: Self.ttl(.onCreateAndWrite, .returnExpiredIfNotCleanedUp)))
        backend.setCurrentKey(1)
        try state.update(7)
        fixture.clock.advance(by: 100)
        #expect(try state.value() == 7)  // expired but not cleaned up yet; this read cleans it up
        #expect(try state.value() == nil)
        #expect(try backend.keys(stateName: "value", namespace: VoidNamespace()).isEmpty)
    }

    @Test func expiredReadIsRemovedLazily() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value(ttl: Self.ttl()))
        backend.setCurrentKey(1)
        try state.update(7)
        fixture.clock.advance(by: 100)
        #expect(try backend.keys(stateName: "value", namespace: VoidNamespace()) == [1])
        #expect(try state.value() == nil)
        #expect(try backend.keys(stateName: "value", namespace: VoidNamespace()).isEmpty)
    }

    @Test func listElementsExpireOneByOne() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let list = try backend.listState(TestStates.list(ttl: Self.ttl()), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try list.add("old")
        fixture.clock.advance(by: 50)
        try list.addAll(["new1", "new2"])
        fixture.clock.advance(by: 50)
        #expect(try list.get() == ["new1", "new2"])
        fixture.clock.advance(by: 50)
        #expect(try list.get().isEmpty)
    }

    @Test func listReturnsExpiredElementsOnceWhenVisible() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let list = try backend.listState(
            TestStates.list(ttl: Self.ttl(.onCreateAndWrite, .returnExpiredIfNotCleanedUp)),
            namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try list.add("old")
        fixture.clock.advance(by: 50)
        try list.add("new")
        fixture.clock.advance(by: 50)
        #expect(try list.get() == ["old", "new"])
        #expect(try list.get() == ["new"])
    }

    @Test func mapEntriesExpireOneByOne() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let map = try backend.mapState(TestStates.map(ttl: Self.ttl(.onReadAndWrite)), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try map.put("a", 1)
        try map.put("b", 2)
        fixture.clock.advance(by: 60)
        #expect(try map.get("a") == 1)  // refreshes "a" only
        fixture.clock.advance(by: 60)
        #expect(try map.get("b") == nil)
        #expect(try map.contains("a"))
        #expect(try map.entries().map(\.key) == ["a"])
        fixture.clock.advance(by: 100)
        #expect(try map.isEmpty())
        #expect(try backend.keys(stateName: "map", namespace: VoidNamespace()).isEmpty)
    }

    @Test func reducingAndAggregatingIgnoreExpiredValues() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let sum = try backend.reducingState(TestStates.reducing(ttl: Self.ttl()), namespaceSerializer: VoidNamespaceSerializer())
        let average = try backend.aggregatingState(TestStates.aggregating(ttl: Self.ttl()), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try sum.add(5)
        try average.add(10)
        fixture.clock.advance(by: 100)
        try sum.add(1)
        try average.add(2)
        #expect(try sum.get() == 1)
        #expect(try average.get() == 2)
    }

    @Test func incrementalCleanupRemovesUntouchedExpiredEntries() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value(ttl: Self.ttl(incremental: 5)))
        for key in 0..<50 {
            backend.setCurrentKey(key)
            try state.update(key)
        }
        fixture.clock.advance(by: 100)
        backend.setCurrentKey(1_000)
        try state.update(1)  // fresh: must survive
        #expect(try backend.keys(stateName: "value", namespace: VoidNamespace()).count > 1)
        // Each access checks 5 entries; 51 entries need at most 11 accesses, plus a round over empty groups.
        for _ in 0..<40 { _ = try state.value() }
        #expect(try backend.keys(stateName: "value", namespace: VoidNamespace()) == [1_000])
    }

    @Test func incrementalCleanupTrimsListsAndMaps() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let list = try backend.listState(TestStates.list(ttl: Self.ttl(incremental: 10, fullSnapshot: false)), namespaceSerializer: VoidNamespaceSerializer())
        let map = try backend.mapState(TestStates.map(ttl: Self.ttl(incremental: 10, fullSnapshot: false)), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try list.add("old")
        try map.put("old", 1)
        fixture.clock.advance(by: 50)
        try list.add("new")
        try map.put("new", 2)
        fixture.clock.advance(by: 50)
        backend.setCurrentKey(2)
        for _ in 0..<300 {
            _ = try list.get()
            _ = try map.isEmpty()
        }
        // A snapshot (without its own TTL cleanup) shows what is stored, without a read's lazy cleanup.
        let handle = try fixture.snapshot(backend, 1)
        let restored = try fixture.backend(restoring: [handle])
        let restoredList = try restored.listState(
            TestStates.list(ttl: Self.ttl(.onCreateAndWrite, .returnExpiredIfNotCleanedUp)), namespaceSerializer: VoidNamespaceSerializer())
        let restoredMap = try restored.mapState(
            TestStates.map(ttl: Self.ttl(.onCreateAndWrite, .returnExpiredIfNotCleanedUp)), namespaceSerializer: VoidNamespaceSerializer())
        restored.setCurrentKey(1)
        #expect(try restoredList.get() == ["new"])
        #expect(try restoredMap.entries().map(\.key) == ["new"])
    }
}
