import EddyCore
import EddyState
import EddyStateHeap
import Testing

@Suite struct HeapAggregatingStateTests {
    @Test(arguments: [SnapshotMode.full, .incremental])
    func aggregatesAndRestores(mode: SnapshotMode) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let backend = try fixture.backend()
        let average = try backend.aggregatingState(TestStates.aggregating(), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(9)
        #expect(try average.get() == nil)
        try average.add(2)
        try average.add(4)
        #expect(try average.get() == 3)

        let restored = try fixture.backend(restoring: [fixture.snapshot(backend, 1)])
        let restoredAverage = try restored.aggregatingState(TestStates.aggregating(), namespaceSerializer: VoidNamespaceSerializer())
        restored.setCurrentKey(9)
        try restoredAverage.add(9)
        #expect(try restoredAverage.get() == 5)
        try restoredAverage.clear()
        #expect(try restoredAverage.get() == nil)
    }
}
