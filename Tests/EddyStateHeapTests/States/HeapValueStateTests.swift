import EddyCore
import EddyState
import EddyStateHeap
import Testing

@Suite struct HeapValueStateTests {
    @Test(arguments: [SnapshotMode.full, .incremental])
    func valuesPerKeyWithDefault(mode: SnapshotMode) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value(default: -1))
        backend.setCurrentKey(1)
        #expect(try state.value() == -1)
        try state.update(10)
        backend.setCurrentKey(2)
        try state.update(20)
        backend.setCurrentKey(1)
        #expect(try state.value() == 10)
        try state.update(nil)
        #expect(try state.value() == -1)
        backend.setCurrentKey(2)
        #expect(try state.value() == 20)
        try state.clear()
        #expect(try state.value() == -1)
    }

    @Test(arguments: [SnapshotMode.full, .incremental])
    func restoresFromSnapshot(mode: SnapshotMode) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value())
        for key in 0..<200 {
            backend.setCurrentKey(key)
            try state.update(key * 3)
        }
        let handle = try fixture.snapshot(backend, 1)
        #expect(handle.backend == mode.backendName)

        let restored = try fixture.backend(restoring: [handle])
        let restoredState = try restored.value(TestStates.value())
        for key in 0..<200 {
            restored.setCurrentKey(key)
            #expect(try restoredState.value() == key * 3)
        }
    }
}
