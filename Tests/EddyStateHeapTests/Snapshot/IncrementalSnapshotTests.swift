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

    /// Changes (upserts and tombstones) in a delta file.
    static func changes(in file: StateFileHandle, _ fixture: HeapBackendFixture) throws -> Int {
        let reader = try KeyGroupStateFileReader(bytes: try fixture.storage.read(file), path: file.path)
        #expect(reader.isDelta)
        var count = 0
        for group in reader.keyGroups { try reader.forEachChange(inKeyGroup: group) { _ in count += 1 } }
        return count
    }

    /// A populated backend whose checkpoint 1 completed.
    static func populated(_ fixture: HeapBackendFixture) throws -> (HeapBackendFixture.Backend, KeyedStateHandle) {
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let first = try fixture.snapshot(backend, 1)
        backend.notifyCheckpointComplete(1)
        return (backend, first)
    }

    @Test func threeChangedKeysWriteTinyDeltas() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let (backend, first) = try Self.populated(fixture)
        let value = try backend.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        let keys = [7, 150, 299]
        for key in keys {
            backend.setCurrentKey(key)
            value.setCurrentNamespace(2)
            try value.update(-key)
        }
        let second = try fixture.snapshot(backend, 2)
        let written = Self.writtenFiles(second, checkpoint: 2)
        #expect(written.allSatisfy { $0.path.hasSuffix(".delta") })
        #expect(Set(written.compactMap { $0.keyGroups?.first }) == Set(keys.map(HeapBackendFixture.keyGroup(of:))))
        #expect(try written.reduce(0) { $0 + (try Self.changes(in: $1, fixture)) } == 3)
        #expect(second.newBytes * 20 < first.newBytes)

        let restored = try fixture.backend(restoring: [second])
        let restoredValue = try restored.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        for key in keys {
            restored.setCurrentKey(key)
            restoredValue.setCurrentNamespace(2)
            #expect(try restoredValue.value() == -key)
            restoredValue.setCurrentNamespace(1)
            #expect(try restoredValue.value() == key * 10 + 1)
        }
        #expect(try StatePopulation.verify(restored, keys: 8..<150) == 142)
    }

    @Test func writesDuringTheAsynchronousPartGoToTheNextDelta() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        let value = try backend.value(TestStates.value())
        // Four keys per group, so one changed key makes a delta rather than a new base.
        let group5 = HeapBackendFixture.keys(inKeyGroup: 5, count: 4)
        let group6 = HeapBackendFixture.keys(inKeyGroup: 6, count: 4)
        let (a, b) = (group5[0], group6[0])
        for key in group5 + group6 {
            backend.setCurrentKey(key)
            try value.update(0)
        }
        _ = try fixture.snapshot(backend, 1)
        backend.notifyCheckpointComplete(1)

        backend.setCurrentKey(a)
        try value.update(1)
        let inProgress = try backend.snapshot(
            checkpointID: 2, kind: .checkpoint, location: CheckpointStorageLocation(storage: fixture.storage, checkpointID: 2))
        backend.setCurrentKey(b)
        try value.update(2)  // after the synchronous part: not in checkpoint 2
        let second = try inProgress.run()
        backend.notifyCheckpointComplete(2)
        #expect(Self.writtenFiles(second, checkpoint: 2).map(\.path) == ["shared/op-0-kg5-chk2.delta"])

        let third = try fixture.snapshot(backend, 3)
        #expect(Self.writtenFiles(third, checkpoint: 3).map(\.path) == ["shared/op-0-kg6-chk3.delta"])
        for (handle, expected) in [(second, [a: 1, b: 0]), (third, [a: 1, b: 2])] {
            let restored = try fixture.backend(restoring: [handle])
            for (key, number) in expected {
                restored.setCurrentKey(key)
                #expect(try restored.value(TestStates.value()).value() == number)
            }
        }
    }

    @Test func deltaHoldsEverythingSinceTheLastCompletedCheckpoint() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        let value = try backend.value(TestStates.value())
        let keys = HeapBackendFixture.keys(inKeyGroup: 11, count: 4)
        for key in keys {
            backend.setCurrentKey(key)
            try value.update(0)
        }
        _ = try fixture.snapshot(backend, 1)
        backend.notifyCheckpointComplete(1)
        backend.setCurrentKey(keys[0])
        try value.update(1)
        _ = try fixture.snapshot(backend, 2)  // never completes
        backend.setCurrentKey(keys[1])
        try value.update(2)
        let third = try fixture.snapshot(backend, 3)
        let delta = try #require(Self.writtenFiles(third, checkpoint: 3).first)
        #expect(delta.path.hasSuffix(".delta"))
        #expect(try Self.changes(in: delta, fixture) == 2)
        // Checkpoint 3's chain skips checkpoint 2's delta: base of 1, then its own.
        #expect(third.files.map(\.path) == ["shared/op-0-kg11-chk1.kg", "shared/op-0-kg11-chk3.delta"])
        let restored = try fixture.backend(restoring: [third])
        for (key, number) in zip(keys, [1, 2, 0, 0]) {
            restored.setCurrentKey(key)
            #expect(try restored.value(TestStates.value()).value() == number)
        }
        backend.notifyCheckpointComplete(3)
        #expect(try fixture.snapshot(backend, 4).newBytes == 0)
    }

    @Test func longChainsAreCompactedIntoANewBase() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        let value = try backend.value(TestStates.value())
        // Enough keys that eight one-key deltas stay under half the base.
        let keys = HeapBackendFixture.keys(inKeyGroup: 42, count: 200)
        for key in keys {
            backend.setCurrentKey(key)
            try value.update(0)
        }
        let registry = fixture.storage.sharedRegistry
        var handles: [Int64: KeyedStateHandle] = [:]
        for id in Int64(1)...11 {
            if id > 1 {
                backend.setCurrentKey(keys[Int(id)])
                try value.update(Int(id))
            }
            let handle = try fixture.snapshot(backend, id)
            registry.register(snapshotID: "chk-\(id)", files: handle.files)
            backend.notifyCheckpointComplete(id)
            handles[id] = handle
            // Keep only the latest two checkpoints, as a checkpoint coordinator would.
            if id > 2 { registry.discard(snapshotID: "chk-\(id - 2)") }
        }
        let paths = (1...11).map { handles[Int64($0)]!.files.map(\.path) }
        #expect(paths[8] == ["shared/op-0-kg42-chk1.kg"] + (2...9).map { "shared/op-0-kg42-chk\($0).delta" })
        // Eight deltas: checkpoint 10 writes a new base, 11 a delta on top of it.
        #expect(paths[9] == ["shared/op-0-kg42-chk10.kg"])
        #expect(paths[10] == ["shared/op-0-kg42-chk10.kg", "shared/op-0-kg42-chk11.delta"])
        // Files of the old chain were deleted once no retained checkpoint needed them.
        #expect(registry.referencedFiles == Set(paths[9] + paths[10]))
        #expect(throws: StateError.self) { try fixture.storage.read(handles[9]!.files[0]) }

        let restored = try fixture.backend(restoring: [handles[11]!])
        let restoredValue = try restored.value(TestStates.value())
        for (index, key) in keys.enumerated() {
            restored.setCurrentKey(key)
            #expect(try restoredValue.value() == ((2...11).contains(index) ? index : 0))
        }
        // The restored chain is extended, not rewritten.
        restored.setCurrentKey(keys[0])
        try restoredValue.update(99)
        let next = try fixture.snapshot(restored, 12)
        #expect(next.files.map(\.path) == paths[10] + ["shared/op-0-kg42-chk12.delta"])
    }

    @Test func changingMostOfAGroupWritesABase() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        let value = try backend.value(TestStates.value())
        let keys = HeapBackendFixture.keys(inKeyGroup: 3, count: 10)
        for key in keys {
            backend.setCurrentKey(key)
            try value.update(0)
        }
        _ = try fixture.snapshot(backend, 1)
        backend.notifyCheckpointComplete(1)
        for key in keys.prefix(6) {
            backend.setCurrentKey(key)
            try value.update(1)
        }
        #expect(try fixture.snapshot(backend, 2).files.map(\.path) == ["shared/op-0-kg3-chk2.kg"])
    }
}
