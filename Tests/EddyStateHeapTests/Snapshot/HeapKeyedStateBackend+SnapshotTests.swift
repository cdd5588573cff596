import EddyCore
import EddyState
import EddyStateHeap
import Testing

@Suite struct HeapKeyedStateBackendSnapshotTests {
    @Test(arguments: [SnapshotMode.full, .incremental], [SnapshotKind.checkpoint, .canonicalSavepoint])
    func restoredBackendEqualsTheOriginal(mode: SnapshotMode, kind: SnapshotKind) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let handle = try fixture.snapshot(backend, 1, kind: kind)
        #expect(handle.format == .keyGroupFiles)
        #expect(Set(handle.states.map(\.name)) == ["value", "list", "map", "sum", "avg"])
        #expect(handle.newBytes == handle.totalBytes)
        if kind == .canonicalSavepoint {
            #expect(handle.files.map(\.path) == ["chk-1/op-0.savepoint.kg"])
        } else if mode == .full {
            #expect(handle.files.map(\.path) == ["chk-1/op-0.kg"])
        } else {
            #expect(handle.files.allSatisfy { $0.shared && $0.path.hasPrefix("shared/op-0-kg") && $0.keyGroups?.count == 1 })
        }
        // Restore into both modes: the files are the same format.
        for restoreMode in [SnapshotMode.full, .incremental] {
            let restored = try fixture.backend(mode: restoreMode, restoring: [handle])
            #expect(try StatePopulation.verify(restored) == StatePopulation.keys.count)
        }
    }

    @Test func snapshotKeepsOldValuesWhileTheTaskWritesOn() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value())
        let list = try backend.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        for key in 0..<100 {
            backend.setCurrentKey(key)
            try state.update(key)
            try list.add("old")
        }
        let inProgress = try backend.snapshot(
            checkpointID: 1, kind: .checkpoint, location: CheckpointStorageLocation(storage: fixture.storage, checkpointID: 1))
        for key in 0..<100 {
            backend.setCurrentKey(key)
            try state.update(-key)
            try list.add("new")
        }
        backend.setCurrentKey(1_000)
        try state.update(1)
        let handle = try inProgress.run()

        let restored = try fixture.backend(restoring: [handle])
        let restoredState = try restored.value(TestStates.value())
        let restoredList = try restored.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        for key in 0..<100 {
            restored.setCurrentKey(key)
            #expect(try restoredState.value() == key)
            #expect(try restoredList.get() == ["old"])
            backend.setCurrentKey(key)
            #expect(try state.value() == -key)
            #expect(try list.get() == ["old", "new"])
        }
        restored.setCurrentKey(1_000)
        #expect(try restoredState.value() == nil)
    }

    @Test func asynchronousPartRunsOnAnotherThread() async throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let state = try backend.value(TestStates.value())
        for key in 0..<1_000 {
            backend.setCurrentKey(key)
            try state.update(key)
        }
        let inProgress = try backend.snapshot(
            checkpointID: 1, kind: .checkpoint, location: CheckpointStorageLocation(storage: fixture.storage, checkpointID: 1))
        let running = Task.detached { try inProgress.run() }
        for key in 0..<1_000 {
            backend.setCurrentKey(key)
            try state.update(key + 1)
        }
        let handle = try await running.value
        let restored = try fixture.backend(restoring: [handle])
        let restoredState = try restored.value(TestStates.value())
        for key in 0..<1_000 {
            restored.setCurrentKey(key)
            #expect(try restoredState.value() == key)
        }
    }

    @Test func fullSnapshotLeavesExpiredEntriesOut() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        let ttl = StateTTLConfig(timeToLiveMillis: 100, visibility: .returnExpiredIfNotCleanedUp, incrementalCleanupSize: 0)
        let state = try backend.value(TestStates.value(ttl: ttl))
        let list = try backend.listState(TestStates.list(ttl: ttl), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        try state.update(1)
        try list.add("old")
        fixture.clock.advance(by: 50)
        backend.setCurrentKey(2)
        try state.update(2)
        try list.add("new")
        backend.setCurrentKey(1)
        try list.add("new")
        fixture.clock.advance(by: 50)

        let restored = try fixture.backend(restoring: [fixture.snapshot(backend, 1)])
        let restoredState = try restored.value(TestStates.value(ttl: ttl))
        let restoredList = try restored.listState(TestStates.list(ttl: ttl), namespaceSerializer: VoidNamespaceSerializer())
        #expect(try restored.keys(stateName: "value", namespace: VoidNamespace()) == [2])
        restored.setCurrentKey(1)
        #expect(try restoredState.value() == nil)
        #expect(try restoredList.get() == ["new"])
        restored.setCurrentKey(2)
        #expect(try restoredState.value() == 2)
    }

    @Test func unregisteredRestoredStateIsCarriedForward() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let first = try fixture.backend(restoring: [fixture.snapshot(backend, 1)])
        // Nothing registered: the restored bytes go into the next snapshot as they are.
        #expect(try first.keys(inKeyGroup: HeapBackendFixture.keyGroup(of: 7)).contains(7))
        let second = try fixture.backend(restoring: [fixture.snapshot(first, 2)])
        try StatePopulation.verify(second)
    }
}
