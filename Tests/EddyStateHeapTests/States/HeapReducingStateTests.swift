import EddyCore
import EddyState
import EddyStateHeap
import Testing

@Suite struct HeapReducingStateTests {
    @Test(arguments: [SnapshotMode.full, .incremental])
    func reducesAndRestores(mode: SnapshotMode) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let backend = try fixture.backend()
        let sum = try backend.reducingState(TestStates.reducing(), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(5)
        #expect(try sum.get() == nil)
        for value in 1...4 { try sum.add(value) }
        #expect(try sum.get() == 10)
        backend.setCurrentKey(6)
        try sum.add(100)

        let restored = try fixture.backend(restoring: [fixture.snapshot(backend, 1)])
        let restoredSum = try restored.reducingState(TestStates.reducing(), namespaceSerializer: VoidNamespaceSerializer())
        restored.setCurrentKey(5)
        try restoredSum.add(5)
        #expect(try restoredSum.get() == 15)
        restored.setCurrentKey(6)
        #expect(try restoredSum.get() == 100)
        try restoredSum.clear()
        #expect(try restoredSum.get() == nil)
    }
}
