import EddyCore
import EddyState
import EddyStateHeap
import Testing

@Suite struct HeapMapStateTests {
    @Test(arguments: [SnapshotMode.full, .incremental])
    func putGetRemove(mode: SnapshotMode) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let backend = try fixture.backend()
        let map = try backend.mapState(TestStates.map(), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        #expect(try map.isEmpty())
        try map.put("a", 1)
        try map.putAll(["b": 2, "c": 3])
        #expect(try map.get("b") == 2)
        #expect(try map.contains("c"))
        #expect(try !map.contains("d"))
        try map.remove("c")
        #expect(try map.get("c") == nil)
        #expect(try Dictionary(uniqueKeysWithValues: map.entries().map { ($0.key, $0.value) }) == ["a": 1, "b": 2])
        try map.remove("a")
        try map.remove("b")
        #expect(try map.isEmpty())
        // An emptied map leaves no key behind.
        #expect(try backend.keys(stateName: "map", namespace: VoidNamespace()).isEmpty)

        try map.put("k", 42)
        backend.setCurrentKey(2)
        try map.put("k", 43)
        let restored = try fixture.backend(restoring: [fixture.snapshot(backend, 1)])
        let restoredMap = try restored.mapState(TestStates.map(), namespaceSerializer: VoidNamespaceSerializer())
        restored.setCurrentKey(1)
        #expect(try restoredMap.get("k") == 42)
        restored.setCurrentKey(2)
        #expect(try restoredMap.get("k") == 43)
        try restoredMap.clear()
        #expect(try restoredMap.isEmpty())
    }
}
