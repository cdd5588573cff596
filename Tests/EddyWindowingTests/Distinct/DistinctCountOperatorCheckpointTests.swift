import EddyCore
import EddyMemory
import EddyRuntime
import EddySketches
import EddyState
import Testing
@testable import EddyWindowing

extension DistinctCountOperatorCheckpointTests.Harness where Counter == ExactDistinctCounter {
    convenience init(windows: SliceWindows, range: KeyGroupRange) throws {
        try self.init(windows: windows, range: range) { try ExactDistinctCounter(windows: windows, memory: $0) }
    }
}

@Suite struct DistinctCountOperatorCheckpointTests {
    let windows = SliceWindows(sizeMillis: 6_000, slideMillis: 100)
    let range = KeyGroupRange(start: 0, end: 63)
    let storage = InMemoryCheckpointStorage()
    let events = DistinctStreamModel.stream(records: 8_000, users: 20_000, maxDelay: 15, seed: 5)

    /// An operator and the results it emitted.
    final class Harness<Counter: SlidingDistinctCounter> {
        let op: DistinctCountOperator<Counter>
        var results: [DistinctCountResult] = []
        var late = 0
        var input: Output<(UInt64, Int64)>!

        init(windows: SliceWindows, range: KeyGroupRange, make: (MemoryOwner) throws -> Counter) throws {
            let memory = MemoryManager(budgetBytes: 1024 * 4096, segmentSize: 4096).register(owner: "uv")
            op = DistinctCountOperator(
                name: "uv", counter: try make(memory), keyGroupRange: range, maxParallelism: 128,
                metrics: OperatorMetrics(operatorID: "1-uv", subtaskIndex: 0))
            input = op.input(
                user: { $0.0 },
                output: Output(record: { [unowned self] value, _ in results.append(value.result) }, sideOutput: { [unowned self] _, _, _ in late += 1 }))
        }

        func feed(_ events: ArraySlice<StreamEvent>) throws {
            for event in events {
                switch event {
                case .record(let user, let timestamp): try input.record((user, timestamp), timestamp)
                case .watermark(let watermark): try input.watermark(Watermark(watermark))
                }
            }
        }

        func snapshot(_ id: Int64, _ storage: InMemoryCheckpointStorage) throws -> OperatorSubtaskState {
            let request = SnapshotRequest(
                barrier: CheckpointBarrier(checkpointID: id, timestampMillis: 0),
                location: CheckpointStorageLocation(storage: storage, checkpointID: id), operatorID: "1-uv", subtaskIndex: 0)
            return try op.snapshotState(request).finish()
        }
    }

    @Test func restoredOperatorsContinueExactly() throws {
        let original = try Harness(windows: windows, range: range)
        try original.feed(events[..<3_000])
        let first = try original.snapshot(1, storage)
        try original.op.notifyCheckpointComplete(1)
        try original.feed(events[3_000..<3_010])
        let second = try original.snapshot(2, storage)
        let firstBytes = first.rawKeyedState[0].files.dropFirst().reduce(0) { $0 + $1.size }
        let secondNew = second.rawKeyedState[0].files.filter { $0.path.hasSuffix("chk2.pages") }.reduce(0) { $0 + $1.size }
        #expect(secondNew > 0 && secondNew < firstBytes)
        #expect(second.rawKeyedState[0].files.count == 3)
        #expect(second.rawKeyedState[0].files[0].path == "chk-2/1-uv-0-distinct-exact.manifest")

        let restored = try Harness(windows: windows, range: range)
        try restored.op.restore(from: OperatorRestore(checkpointID: 2, storage: storage, rawKeyedState: second.rawKeyedState))
        let before = original.results.count
        try original.feed(events[3_010...])
        try restored.feed(events[3_010...])
        #expect(Array(original.results[before...]) == restored.results)
        #expect(original.results == DistinctStreamModel.expected(Array(events), windows: windows).results)
    }

    @Test func damagedOrForeignSnapshotsAreRefused() throws {
        let original = try Harness(windows: windows, range: range)
        try original.feed(events[..<2_000])
        let state = try original.snapshot(1, storage)
        let manifest = state.rawKeyedState[0].files[0]

        let bloom = try Harness(windows: windows, range: range) { memory in
            SketchDistinctCounter<SplitBlockBloomFilter>(windows: windows, expectedUsers: 1_000, falsePositiveRate: 0.01, memory: memory)
        }
        let methodError = #expect(throws: DistinctCountError.self) {
            try bloom.op.restore(from: OperatorRestore(checkpointID: 1, storage: storage, rawKeyedState: state.rawKeyedState))
        }
        #expect(methodError?.code == .unsupportedRestore)

        let otherWindows = try Harness(windows: SliceWindows(sizeMillis: 120, slideMillis: 10), range: range)
        #expect(throws: DistinctCountError.self) {
            try otherWindows.op.restore(from: OperatorRestore(checkpointID: 1, storage: storage, rawKeyedState: state.rawKeyedState))
        }

        var bytes = try storage.read(manifest)
        bytes[bytes.count / 2] ^= 0x40
        storage.overwrite(relativePath: manifest.path, with: bytes)
        let fresh = try Harness(windows: windows, range: range)
        let error = #expect(throws: StateError.self) {
            try fresh.op.restore(from: OperatorRestore(checkpointID: 1, storage: storage, rawKeyedState: state.rawKeyedState))
        }
        #expect(error?.description.contains(manifest.path) == true)
    }
}
