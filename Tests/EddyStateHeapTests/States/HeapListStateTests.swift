import EddyCore
import EddyState
import EddyStateHeap
import Testing

@Suite struct HeapListStateTests {
    @Test(arguments: [SnapshotMode.full, .incremental])
    func addUpdateAndClear(mode: SnapshotMode) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let backend = try fixture.backend()
        let list = try backend.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(7)
        #expect(try list.get().isEmpty)
        try list.add("a")
        try list.addAll(["b", "c"])
        #expect(try list.get() == ["a", "b", "c"])
        backend.setCurrentKey(8)
        try list.update(["x"])
        backend.setCurrentKey(7)
        try list.update(["z", "y"])
        #expect(try list.get() == ["z", "y"])
        try list.update([])
        #expect(try list.get().isEmpty)
        #expect(try backend.keys(stateName: "list", namespace: VoidNamespace()) == [8])

        let restored = try fixture.backend(restoring: [fixture.snapshot(backend, 1)])
        let restoredList = try restored.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        restored.setCurrentKey(8)
        #expect(try restoredList.get() == ["x"])
        try restoredList.clear()
        #expect(try restoredList.get().isEmpty)
    }
}
