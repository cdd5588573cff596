import EddyCore
@testable import EddyState
import Testing

@Suite("Operator state rescaling")
struct OperatorStateRescaleTests {
    typealias Fixture = OperatorStateFixture

    /// Old list sizes per subtask and the new parallelism.
    static let cases: [([Int], Int)] = [
        ([10], 3), ([7, 0, 5], 2), ([4, 9], 1), ([1], 3), ([0, 0], 3), ([3, 3, 3], 2), ([2, 5], 4),
    ]

    @Test("split: every element exactly once, in contiguous chunks of even size", arguments: cases)
    func split(oldCounts: [Int], parallelism: Int) throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Fixture.snapshotAll(try Fixture.subtasks(counts: oldCounts), storage: storage)
        let restored = try Fixture.restoreAll(handles, storage: storage, parallelism: parallelism)
        let lists = try restored.map { try $0.listState(Fixture.offsets).get() }
        let expected = oldCounts.enumerated().flatMap { index, count in (0..<count).map { Int64(index * 1000 + $0) } }
        // Concatenating the new lists in subtask order gives back the old concatenation.
        #expect(lists.flatMap { $0 } == expected)
        let total = expected.count
        #expect(lists.map(\.count) == (0..<parallelism).map { total / parallelism + ($0 < total % parallelism ? 1 : 0) })
    }

    @Test("union: every subtask sees all elements, in old-subtask order", arguments: cases)
    func union(oldCounts: [Int], parallelism: Int) throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Fixture.snapshotAll(try Fixture.subtasks(counts: oldCounts), storage: storage)
        for backend in try Fixture.restoreAll(handles, storage: storage, parallelism: parallelism) {
            #expect(try backend.unionListState(Fixture.watermarks).get() == oldCounts.indices.map { "w\($0)" })
        }
    }

    @Test("broadcast: every subtask sees the same map", arguments: cases)
    func broadcast(oldCounts: [Int], parallelism: Int) throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Fixture.snapshotAll(try Fixture.subtasks(counts: oldCounts), storage: storage)
        for backend in try Fixture.restoreAll(handles, storage: storage, parallelism: parallelism) {
            #expect(Fixture.map(try backend.broadcastState(Fixture.rules)) == ["max": 10, "min": 1])
        }
    }

    @Test("broadcast comes from subtask 0's copy, or from the lowest subtask present")
    func broadcastSource() throws {
        let storage = InMemoryCheckpointStorage()
        let backends = (0..<3).map { _ in OperatorStateBackend() }
        for (index, backend) in backends.enumerated() { try backend.broadcastState(Fixture.rules).put("from", Int32(index)) }
        let handles = try Fixture.snapshotAll(backends, storage: storage)
        let all = try Fixture.restoreAll(handles.reversed(), storage: storage, parallelism: 2)
        #expect(try all.map { try $0.broadcastState(Fixture.rules).get("from") } == [0, 0])
        let withoutZero = try Fixture.restoreAll([handles[2], handles[1]], storage: storage, parallelism: 2)
        #expect(try withoutZero.map { try $0.broadcastState(Fixture.rules).get("from") } == [1, 1])
    }

    @Test("a subtask reads only the files its chunk needs")
    func readsOnlyNeededFiles() throws {
        let storage = InMemoryCheckpointStorage()
        let backends = try (0..<3).map { index in
            let backend = OperatorStateBackend()
            try backend.listState(Fixture.offsets).addAll([Int64(index), Int64(index)])
            return backend
        }
        let handles = try Fixture.snapshotAll(backends, storage: storage)
        storage.delete(relativePath: handles[2].file.path)
        // 6 elements over 3 → 2 subtasks: subtask 0 takes elements 0..<3, from files 0 and 1 only.
        let first = try OperatorStateBackend(restoring: handles, storage: storage, subtaskIndex: 0, parallelism: 2)
        #expect(try first.listState(Fixture.offsets).get() == [0, 0, 1])
        expectStateError(.missingFile, path: "memory:" + handles[2].file.path) {
            _ = try OperatorStateBackend(restoring: handles, storage: storage, subtaskIndex: 1, parallelism: 2)
        }
    }

    @Test("even split sizes", arguments: [(10, 3), (0, 2), (2, 5), (9, 3), (1, 1)])
    func evenSplit(total: Int, parallelism: Int) {
        let chunks = (0..<parallelism).map {
            OperatorStateRepartitioner.evenSplit(total: total, parallelism: parallelism, subtask: $0)
        }
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == total)
        for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(chunks.map(\.count).max()! - chunks.map(\.count).min()! <= 1)
    }
}
