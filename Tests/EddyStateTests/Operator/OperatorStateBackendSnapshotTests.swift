import EddyCore
@testable import EddyState
import Testing

@Suite("Operator state snapshot and restore")
struct OperatorStateBackendSnapshotTests {
    typealias Fixture = OperatorStateFixture

    @Test("one file per subtask at chk-<n>/<operatorID>-<subtask>.opstate, with counts in the handle")
    func layout() throws {
        try TemporaryDirectory.with { root in
            let storage = try LocalCheckpointStorage(root: root.path, jobID: "job")
            let handles = try Fixture.snapshotAll(try Fixture.subtasks(counts: [3, 0]), storage: storage, checkpointID: 4)
            #expect(handles.map(\.file.path) == ["chk-4/op-7-0.opstate", "chk-4/op-7-1.opstate"])
            #expect(root.allFiles() == ["job/chk-4/op-7-0.opstate", "job/chk-4/op-7-1.opstate"])
            #expect(handles.map(\.subtaskIndex) == [0, 1])
            #expect(handles[0].elementCounts == ["offsets": 3, "rules": 2, "watermarks": 1])
            #expect(handles[1].state(named: "offsets") == .init(name: "offsets", mode: .split, count: 0))
            #expect(handles[0].states.map(\.mode) == [.split, .broadcast, .union])
            #expect(!handles[0].file.shared)
        }
    }

    @Test("an empty backend writes a file and restores empty")
    func empty() throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Fixture.snapshotAll([OperatorStateBackend()], storage: storage)
        #expect(handles[0].states.isEmpty)
        let restored = try Fixture.restoreAll(handles, storage: storage, parallelism: 2)
        #expect(restored.allSatisfy { $0.stateNames.isEmpty })
        #expect(try OperatorStateBackend(restoring: [], storage: storage, subtaskIndex: 0, parallelism: 1).stateNames.isEmpty)
    }

    @Test("at the same parallelism every subtask gets its own split list back, and all modes round-trip")
    func sameParallelism() throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Fixture.snapshotAll(try Fixture.subtasks(counts: [5, 1, 3]), storage: storage)
        let restored = try Fixture.restoreAll(handles.reversed(), storage: storage, parallelism: 3)
        for (index, backend) in restored.enumerated() {
            #expect(backend.stateNames == ["offsets", "rules", "watermarks"])
            #expect(backend.registeredStateNames.isEmpty)  // lazily deserialized
            let count = [5, 1, 3][index]
            #expect(try backend.listState(Fixture.offsets).get() == (0..<count).map { Int64(index * 1000 + $0) })
            #expect(try backend.unionListState(Fixture.watermarks).get() == ["w0", "w1", "w2"])
            #expect(Fixture.map(try backend.broadcastState(Fixture.rules)) == ["max": 10, "min": 1])
        }
    }

    @Test("equal broadcast maps give byte-identical files")
    func deterministicBroadcast() throws {
        let storage = InMemoryCheckpointStorage()
        let a = OperatorStateBackend(), b = OperatorStateBackend()
        let keys = (0..<50).map { "k\($0)" }
        for key in keys { try a.broadcastState(Fixture.rules).put(key, 1) }
        for key in keys.reversed() { try b.broadcastState(Fixture.rules).put(key, 1) }
        let handles = try Fixture.snapshotAll([a, b], storage: storage)
        #expect(handles[0].file.checksum == handles[1].file.checksum)
    }

    @Test("restored states nobody registers survive the next snapshot; union ones are not multiplied")
    func unregisteredStatesSurvive() throws {
        let storage = InMemoryCheckpointStorage()
        let first = try Fixture.snapshotAll(try Fixture.subtasks(counts: [2, 2]), storage: storage, checkpointID: 1)
        // Two snapshot/restore rounds at parallelism 3 without registering anything.
        var handles = first
        for checkpoint in Int64(2)...3 {
            let restored = try Fixture.restoreAll(handles, storage: storage, parallelism: 3)
            handles = try Fixture.snapshotAll(restored, storage: storage, checkpointID: checkpoint)
        }
        let final = try Fixture.restoreAll(handles, storage: storage, parallelism: 2)
        let offsets = try final.flatMap { try $0.listState(Fixture.offsets).get() }
        #expect(offsets.sorted() == [0, 1, 1000, 1001])
        for backend in final {
            #expect(try backend.unionListState(Fixture.watermarks).get() == ["w0", "w1"])
            #expect(Fixture.map(try backend.broadcastState(Fixture.rules)) == ["max": 10, "min": 1])
        }
    }

    @Test("state changed after restore is what the next snapshot holds")
    func changesAfterRestore() throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Fixture.snapshotAll(try Fixture.subtasks(counts: [2]), storage: storage)
        let backend = try Fixture.restoreAll(handles, storage: storage, parallelism: 1)[0]
        try backend.listState(Fixture.offsets).add(77)
        try backend.broadcastState(Fixture.rules).remove("min")
        let next = try Fixture.snapshotAll([backend], storage: storage, checkpointID: 2)
        let again = try Fixture.restoreAll(next, storage: storage, parallelism: 1)[0]
        #expect(try again.listState(Fixture.offsets).get() == [0, 1, 77])
        #expect(Fixture.map(try again.broadcastState(Fixture.rules)) == ["max": 10])
    }

    @Test("a restored state registered in another mode or with a mismatched serializer is incompatible, and stays restorable")
    func restoredIncompatible() throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Fixture.snapshotAll(try Fixture.subtasks(counts: [3]), storage: storage)
        let backend = try Fixture.restoreAll(handles, storage: storage, parallelism: 1)[0]
        expectStateError(.incompatible) { _ = try backend.unionListState(Fixture.offsets) }
        // Int64 elements are 8 bytes: as Int32 each leaves 4 trailing bytes.
        let narrow = ListStateDescriptor(name: "offsets", elementSerializer: IntegerSerializer<Int32>())
        let error = expectStateError(.incompatible) { _ = try backend.listState(narrow) }
        #expect(error?.message.contains("offsets") == true)
        #expect(try backend.listState(Fixture.offsets).get() == [0, 1, 2])
    }
}
