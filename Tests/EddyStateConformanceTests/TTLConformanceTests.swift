import Eddy
import EddyCore
import EddyState
import Testing

/// TTL semantics (Flink's StateTtlConfig) on every backend, with a manual clock.
@Suite struct TTLConformanceTests {
    static func ttl(_ update: StateTTLConfig.UpdateType = .onCreateAndWrite, _ visibility: StateTTLConfig.Visibility = .neverReturnExpired) -> StateTTLConfig {
        StateTTLConfig(timeToLiveMillis: 1000, updateType: update, visibility: visibility, incrementalCleanupSize: 0)
    }

    @Test(arguments: StateBackendKind.allCases)
    func valueExpiresAfterItsTTL(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let state = try backend.valueState(
            ValueStateDescriptor(name: "v", serializer: IntegerSerializer<Int64>(), ttl: Self.ttl()),
            namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try state.update(42)
        fixture.clock.advance(by: 999)
        #expect(try state.value() == 42)
        fixture.clock.advance(by: 1)
        #expect(try state.value() == nil)
    }

    @Test(arguments: StateBackendKind.allCases)
    func readRefreshesOnlyWithOnReadAndWrite(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let refreshing = try backend.valueState(
            ValueStateDescriptor(name: "r", serializer: IntegerSerializer<Int64>(), ttl: Self.ttl(.onReadAndWrite)),
            namespaceSerializer: VoidNamespaceSerializer())
        let writeOnly = try backend.valueState(
            ValueStateDescriptor(name: "w", serializer: IntegerSerializer<Int64>(), ttl: Self.ttl(.onCreateAndWrite)),
            namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try refreshing.update(1)
        try writeOnly.update(2)
        fixture.clock.advance(by: 600)
        #expect(try refreshing.value() == 1)
        #expect(try writeOnly.value() == 2)
        fixture.clock.advance(by: 600)  // 1200 after the write, 600 after the read
        #expect(try refreshing.value() == 1)
        #expect(try writeOnly.value() == nil)
    }

    @Test(arguments: StateBackendKind.allCases)
    func returnExpiredIfNotCleanedUpReturnsTheStaleValueOnce(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let state = try backend.valueState(
            ValueStateDescriptor(name: "v", serializer: IntegerSerializer<Int64>(), ttl: Self.ttl(.onCreateAndWrite, .returnExpiredIfNotCleanedUp)),
            namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try state.update(7)
        fixture.clock.advance(by: 5000)
        // Not cleaned up yet: the expired value may still be returned (and the read cleans it).
        let first = try state.value()
        #expect(first == 7 || first == nil)
    }

    @Test(arguments: StateBackendKind.allCases)
    func listElementsAndMapEntriesExpireOneByOne(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let list = try backend.listState(
            ListStateDescriptor(name: "l", elementSerializer: StringSerializer(), ttl: Self.ttl()),
            namespaceSerializer: VoidNamespaceSerializer())
        let map = try backend.mapState(
            MapStateDescriptor(name: "m", keySerializer: StringSerializer(), valueSerializer: IntegerSerializer<Int64>(), ttl: Self.ttl()),
            namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(9)
        try list.add("old")
        try map.put("old", 1)
        fixture.clock.advance(by: 600)
        try list.add("new")
        try map.put("new", 2)
        fixture.clock.advance(by: 600)
        #expect(try list.get() == ["new"])
        #expect(try map.get("old") == nil)
        #expect(try map.get("new") == 2)
        #expect(try map.entries().map(\.key) == ["new"])
        fixture.clock.advance(by: 1000)
        #expect(try list.get().isEmpty)
        #expect(try map.isEmpty())
    }

    @Test(arguments: StateBackendKind.allCases)
    func expiredStateIsNotInAFullSnapshot(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let state = try backend.valueState(
            ValueStateDescriptor(name: "v", serializer: IntegerSerializer<Int64>(), ttl: Self.ttl()),
            namespaceSerializer: VoidNamespaceSerializer())
        for key in Int64(0)..<50 {
            backend.setCurrentKey(key)
            try state.update(key)
        }
        fixture.clock.advance(by: 2000)
        backend.setCurrentKey(100)
        try state.update(100)
        let savepoint = try fixture.snapshot(backend, id: 1, kind: .canonicalSavepoint)
        let restored = try fixture.make(restoring: [savepoint])
        defer { restored.dispose() }
        let again = try restored.valueState(
            ValueStateDescriptor(name: "v", serializer: IntegerSerializer<Int64>(), ttl: Self.ttl()),
            namespaceSerializer: VoidNamespaceSerializer())
        fixture.clock.set(0)  // even with time rewound, the expired entries were not written
        var alive: [Int64] = []
        for key in Int64(0)...100 {
            restored.setCurrentKey(key)
            if try again.value() != nil { alive.append(key) }
        }
        #expect(alive == [100])
    }
}
