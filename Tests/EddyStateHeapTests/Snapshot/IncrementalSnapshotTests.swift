import EddyCore
import EddyState
import EddyStateHeap
import Testing

/// The "filesystem" mode: only key groups changed since the last completed checkpoint are written.
@Suite struct IncrementalSnapshotTests {
    /// The base and delta files checkpoint `checkpoint` wrote.
    static func writtenFiles(_ handle: KeyedStateHandle, checkpoint: Int64) -> [StateFileHandle] {
        handle.files.filter { $0.path.hasSuffix("-chk\(checkpoint).kg") || $0.path.hasSuffix("-chk\(checkpoint).delta") }
    }

    @Test func changingOneKeyGroupWritesOnlyItsDelta() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let first = try fixture.snapshot(backend, 1)
        backend.notifyCheckpointComplete(1)
        let groups = Set(first.files.compactMap { $0.keyGroups?.first })
        #expect(first.files.count == groups.count)

        let key = HeapBackendFixture.keys(inKeyGroup: 42, count: 1)[0]
        let value = try backend.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        backend.setCurrentKey(key)
        value.setCurrentNamespace(1)
        try value.update(-1)

        let second = try fixture.snapshot(backend, 2)
        let written = Self.writtenFiles(second, checkpoint: 2)
        #expect(written.map(\.path) == ["shared/op-0-kg42-chk2.delta"])
        #expect(written.first?.keyGroups == [42])
        #expect(second.newBytes == written.first?.size)
        // Group 42's base stays, followed by its delta: the order restore applies them in.
        #expect(second.files.count == first.files.count + 1)
        #expect(Set(second.files.filter { $0 != written.first }) == Set(first.files))
        let group42 = second.files.filter { $0.keyGroups == [42] }.map(\.path)
        #expect(group42 == ["shared/op-0-kg42-chk1.kg", "shared/op-0-kg42-chk2.delta"])

        // The incremental handle restores the whole state.
        let restored = try fixture.backend(restoring: [second])
        let restoredValue = try restored.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        restored.setCurrentKey(key)
        restoredValue.setCurrentNamespace(1)
        #expect(try restoredValue.value() == -1)
        #expect(try StatePopulation.verify(restored, keys: 0..<key) == key)
        #expect(try StatePopulation.verify(restored, keys: (key + 1)..<StatePopulation.keys.upperBound) > 0)

        // Nothing changed: nothing written, everything referenced.
        backend.notifyCheckpointComplete(2)
        let third = try fixture.snapshot(backend, 3)
        #expect(third.newBytes == 0)
        #expect(Set(third.files) == Set(second.files))
    }

    @Test func withoutCompletionEverythingIsWrittenAgain() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let first = try fixture.snapshot(backend, 1)
        // Checkpoint 1 never completes: its files cannot be relied on.
        let second = try fixture.snapshot(backend, 2)
        #expect(Self.writtenFiles(second, checkpoint: 2).count == first.files.count)
        #expect(second.newBytes == first.newBytes)
    }

    @Test func writesAfterTheSynchronousPartStayDirty() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        let value = try backend.value(TestStates.value())
        let key = HeapBackendFixture.keys(inKeyGroup: 3, count: 1)[0]
        backend.setCurrentKey(key)
        try value.update(1)
        let inProgress = try backend.snapshot(
            checkpointID: 1, kind: .checkpoint, location: CheckpointStorageLocation(storage: fixture.storage, checkpointID: 1))
        try value.update(2)  // after the synchronous part
        _ = try inProgress.run()
        backend.notifyCheckpointComplete(1)

        let second = try fixture.snapshot(backend, 2)
        #expect(Self.writtenFiles(second, checkpoint: 2).map(\.keyGroups) == [[3]])
        let restored = try fixture.backend(restoring: [second])
        restored.setCurrentKey(key)
        #expect(try restored.value(TestStates.value()).value() == 2)
    }

    @Test func clearedKeyGroupIsDroppedNotReferenced() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        let value = try backend.value(TestStates.value())
        let key = HeapBackendFixture.keys(inKeyGroup: 9, count: 1)[0]
        backend.setCurrentKey(key)
        try value.update(1)
        #expect(try fixture.snapshot(backend, 1).files.count == 1)
        backend.notifyCheckpointComplete(1)
        try value.clear()
        let second = try fixture.snapshot(backend, 2)
        #expect(second.files.isEmpty)
        let restored = try fixture.backend(restoring: [second])
        #expect(try restored.keys(inKeyGroup: 9).isEmpty)
    }

    @Test func restoredSharedFilesAreReferencedUntilChanged() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let first = try fixture.snapshot(backend, 1)
        backend.notifyCheckpointComplete(1)

        let restored = try fixture.backend(restoring: [first])
        let next = try fixture.snapshot(restored, 2)
        #expect(next.newBytes == 0)
        #expect(Set(next.files) == Set(first.files))
    }
}
