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

    /// A write right after a read of the same key and namespace stores into the slot the read found.
    /// Whatever happens in between (another key or namespace, an insert that grows the table, a
    /// removal, a snapshot's copy-on-write copy) the right entry changes, and only it.
    @Test(arguments: [SnapshotMode.full, .incremental])
    func readModifyWriteReusesTheSlotOnlyWhenItMay(mode: SnapshotMode) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let backend = try fixture.backend()
        let state = try backend.valueState(TestStates.value(default: 0), namespaceSerializer: IntegerSerializer<Int>())
        state.setCurrentNamespace(1)
        let keys = HeapBackendFixture.keys(inKeyGroup: 5, count: 400)
        backend.setCurrentKey(keys[0])
        try state.update(1)

        // Read, then another key of the same key group grows the table, then write the first.
        var read = try state.value()
        for key in keys.dropFirst() {
            backend.setCurrentKey(key)
            try state.update(key)
        }
        backend.setCurrentKey(keys[0])
        try state.update(read! + 1)
        #expect(try state.value() == 2)

        // Read, then the same key in another namespace.
        read = try state.value()
        state.setCurrentNamespace(2)
        try state.update(read! + 10)
        #expect(try state.value() == 12)
        state.setCurrentNamespace(1)
        #expect(try state.value() == 2)

        // Read, removed, written again.
        read = try state.value()
        try state.clear()
        #expect(try state.value() == 0)
        try state.update(read! + 1)
        #expect(try state.value() == 3)

        // Read, then a snapshot's synchronous part, then the write: the snapshot keeps the old value.
        read = try state.value()
        let inProgress = try backend.snapshot(
            checkpointID: 1, kind: .checkpoint, location: CheckpointStorageLocation(storage: fixture.storage, checkpointID: 1))
        try state.update(read! + 1)
        let handle = try inProgress.run()
        #expect(try state.value() == 4)
        let restored = try fixture.backend(restoring: [handle])
        let restoredState = try restored.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int>())
        restored.setCurrentKey(keys[0])
        restoredState.setCurrentNamespace(1)
        #expect(try restoredState.value() == 3)
        restoredState.setCurrentNamespace(2)
        #expect(try restoredState.value() == 12)
        for key in keys.dropFirst() {
            backend.setCurrentKey(key)
            #expect(try state.value() == key)
        }
    }
}
