import EddyCore
import EddyMemory
import EddyRuntime
import EddySketches
import EddyState
import Testing
@testable import EddyWindowing

/// Distinct-count operators at parallelism p, checkpointed in the middle of a disordered stream and
/// restored at parallelism q: what the sum emits must be what an unrescaled run emits.
@Suite struct DistinctCountRescaleTests {
    static let maxParallelism = 128
    let windows = SliceWindows(sizeMillis: 3_000, slideMillis: 100)
    let events = DistinctStreamModel.stream(records: 9_000, users: 4_000, maxDelay: 150, step: 2, seed: 17)

    /// The subtasks of one parallelism, with the sum behind them, fed as the runtime would: records
    /// to the subtask of their user's key group, watermarks to all (then to the sum).
    final class Job<Counter: SlidingDistinctCounter> {
        typealias Make = (_ memory: MemoryOwner, _ spill: DictionarySpillStore) throws -> Counter
        var ops: [DistinctCountOperator<Counter>] = []
        var spills: [DictionarySpillStore] = []
        var inputs: [Output<(UInt64, Int64)>] = []
        let sum: DistinctCountSum
        var sumInput: Output<DistinctCountPart>!
        var results: [DistinctCountResult] = []
        var late = 0

        init(parallelism: Int, make: Make, sketches: SketchUnion?, restoring state: [RawKeyedStateHandle] = [],
             spilled: [DictionarySpillStore] = [], storage: InMemoryCheckpointStorage? = nil) throws {
            sum = DistinctCountSum(name: "sum", maxParallelism: DistinctCountRescaleTests.maxParallelism, sketches: sketches)
            sumInput = sum.input(
                output: Output(record: { [unowned self] value, _ in results.append(value) }),
                metrics: OperatorMetrics(operatorID: "2-sum", subtaskIndex: 0))
            for index in 0..<parallelism {
                let range = KeyGroupRangeAssignment.range(
                    forOperatorIndex: index, parallelism: parallelism, maxParallelism: DistinctCountRescaleTests.maxParallelism)
                let memory = MemoryManager(budgetBytes: 256 << 20, segmentSize: 4096).register(owner: "uv-\(index)")
                // The keyed backend's share of the spill stores, as a rescaled backend restores it.
                let spill = DictionarySpillStore()
                for old in spilled {
                    for (user, slice) in old.slices where range.contains(Self.keyGroup(user)) { spill.slices[user] = slice }
                }
                let op = DistinctCountOperator(
                    name: "uv/\(index)", counter: try make(memory, spill), keyGroupRange: range,
                    maxParallelism: DistinctCountRescaleTests.maxParallelism, metrics: OperatorMetrics(operatorID: "1-uv", subtaskIndex: index),
                    spill: spill)
                if let storage, !state.isEmpty {
                    let overlapping = state.filter { $0.keyGroupStart <= range.end && $0.keyGroupEnd >= range.start }
                    try op.restore(from: OperatorRestore(checkpointID: 1, storage: storage, rawKeyedState: overlapping))
                }
                ops.append(op)
                spills.append(spill)
                inputs.append(op.input(
                    user: { $0.0 },
                    output: Output(
                        record: { [unowned self] part, timestamp in try sumInput.record(part, timestamp) },
                        sideOutput: { [unowned self] _, _, _ in late += 1 })))
            }
        }

        static func keyGroup(_ user: UInt64) -> Int {
            KeyGroupRangeAssignment.keyGroup(
                for: Int64(bitPattern: user), serializer: Int64.streamSerializer, maxParallelism: DistinctCountRescaleTests.maxParallelism)
        }

        func feed(_ events: ArraySlice<StreamEvent>) throws {
            let parallelism = ops.count
            for event in events {
                switch event {
                case .record(let user, let timestamp):
                    let index = KeyGroupRangeAssignment.operatorIndex(
                        forKeyGroup: Self.keyGroup(user), parallelism: parallelism,
                        maxParallelism: DistinctCountRescaleTests.maxParallelism)
                    try inputs[index].record((user, timestamp), timestamp)
                case .watermark(let watermark):
                    for input in inputs { try input.watermark(Watermark(watermark)) }
                    try sumInput.watermark(Watermark(watermark))
                }
            }
        }

        func snapshot(_ storage: InMemoryCheckpointStorage) throws -> [RawKeyedStateHandle] {
            try ops.enumerated().flatMap { index, op in
                let request = SnapshotRequest(
                    barrier: CheckpointBarrier(checkpointID: 1, timestampMillis: 0),
                    location: CheckpointStorageLocation(storage: storage, checkpointID: 1), operatorID: "1-uv", subtaskIndex: index)
                return try op.snapshotState(request).finish().rawKeyedState
            }
        }
    }

    /// The sum's results and late records of a run at `from` that is checkpointed after `cut`
    /// events and restored at `to`.
    func rescaled<Counter: SlidingDistinctCounter>(
        from: Int, to: Int, cut: Int, sketches: SketchUnion? = nil, make: Job<Counter>.Make
    ) throws -> (results: [DistinctCountResult], late: Int, before: Job<Counter>) {
        let storage = InMemoryCheckpointStorage()
        let before = try Job(parallelism: from, make: make, sketches: sketches)
        try before.feed(events[..<cut])
        let state = try before.snapshot(storage)
        let after = try Job(
            parallelism: to, make: make, sketches: sketches, restoring: state, spilled: before.spills, storage: storage)
        try after.feed(events[cut...])
        return (before.results + after.results, before.late + after.late, before)
    }

    static let scales = [(2, 1, 3_001), (1, 2, 4_500), (2, 3, 6_020), (3, 2, 2_222)]

    @Test(arguments: scales)
    func exactCountsRestoreAtAnotherParallelism(_ scale: (Int, Int, Int)) throws {
        let expected = DistinctStreamModel.expected(events, windows: windows)
        let (results, late, before) = try rescaled(from: scale.0, to: scale.1, cut: scale.2) { memory, spill in
            try ExactDistinctCounter(windows: windows, memory: memory, spill: spill)
        }
        // Records waiting for the frontier were in the snapshot.
        #expect(before.ops.contains { $0.counter.bufferedRecords > 0 })
        #expect(results == expected.results)
        #expect(late == expected.late)
    }

    @Test(arguments: scales)
    func spilledUsersAreRecountedWhereTheyNowBelong(_ scale: (Int, Int, Int)) throws {
        let expected = DistinctStreamModel.expected(events, windows: windows)
        // Two pages of 4 KiB hold about 600 users: most of a window's users spill.
        let (results, late, before) = try rescaled(from: scale.0, to: scale.1, cut: scale.2) { _, spill in
            let memory = MemoryManager(budgetBytes: 3 * 4096, segmentSize: 4096).register(owner: "small")
            return try ExactDistinctCounter(windows: windows, memory: memory, spill: spill)
        }
        #expect(before.ops.allSatisfy { $0.counter.spilling })
        #expect(results == expected.results)
        #expect(late == expected.late)
    }

    let memory = MemoryManager(budgetBytes: 256 << 20).register(owner: "sum")

    /// Sketches are united by the sum, so the result is that of one counter seeing every record:
    /// the same bits whatever the parallelism, before and after the restore.
    @Test(arguments: scales)
    func hyperLogLogsRestoreAtAnotherParallelism(_ scale: (Int, Int, Int)) throws {
        let make: Job<SketchDistinctCounter<HyperLogLog>>.Make = { [windows] memory, _ in
            SketchDistinctCounter<HyperLogLog>(windows: windows, hllPrecision: 12, memory: memory)
        }
        try expectUnrescaledResults(scale, sketches: .of(HyperLogLog.self, memory: memory), make: make)
    }

    @Test(arguments: scales)
    func bloomFiltersRestoreAtAnotherParallelism(_ scale: (Int, Int, Int)) throws {
        let make: Job<SketchDistinctCounter<SplitBlockBloomFilter>>.Make = { [windows] memory, _ in
            SketchDistinctCounter<SplitBlockBloomFilter>(windows: windows, expectedUsers: 4_000, falsePositiveRate: 0.01, memory: memory)
        }
        try expectUnrescaledResults(scale, sketches: .of(SplitBlockBloomFilter.self, memory: memory), make: make)
    }

    /// A run rescaled per `scale` emits exactly what one counter seeing every record emits.
    func expectUnrescaledResults<Counter: SlidingDistinctCounter>(_ scale: (Int, Int, Int), sketches: SketchUnion, make: Job<Counter>.Make) throws {
        let whole = try Job(parallelism: 1, make: make, sketches: sketches)
        try whole.feed(events[...])
        let (results, late, _) = try rescaled(from: scale.0, to: scale.1, cut: scale.2, sketches: sketches, make: make)
        #expect(results == whole.results)
        #expect(late == whole.late)
        #expect(results.map(\.end) == DistinctStreamModel.expected(events, windows: windows).results.map(\.end))
    }

    /// Pending parts survive the sum's own snapshot, sketches included.
    @Test func theSumRestoresItsPendingParts() throws {
        let storage = InMemoryCheckpointStorage()
        let hll = try HyperLogLog(precision: 10, memory: memory)
        for user in 0..<500 as Range<UInt64> { hll.insert(user) }
        let original = DistinctCountSum(name: "sum", maxParallelism: 128, sketches: .of(HyperLogLog.self, memory: memory))
        let window = DistinctCountResult(start: 0, end: 100, count: 0)
        try original.add(DistinctCountPart(window, sketch: hll.serialized()))
        try original.add(DistinctCountPart(DistinctCountResult(start: 100, end: 200, count: 7)))
        let request = SnapshotRequest(
            barrier: CheckpointBarrier(checkpointID: 1, timestampMillis: 0),
            location: CheckpointStorageLocation(storage: storage, checkpointID: 1), operatorID: "2-sum", subtaskIndex: 0)
        let state = try original.snapshotState(request).finish()
        let restored = DistinctCountSum(name: "sum", maxParallelism: 128, sketches: .of(HyperLogLog.self, memory: memory))
        try restored.restore(from: OperatorRestore(checkpointID: 1, storage: storage, rawKeyedState: state.rawKeyedState))
        var out: [DistinctCountResult] = []
        let input = restored.input(
            output: Output(record: { value, _ in out.append(value) }), metrics: OperatorMetrics(operatorID: "2-sum", subtaskIndex: 0))
        try input.watermark(Watermark(1_000))
        #expect(out == [
            DistinctCountResult(start: 0, end: 100, count: Int64(hll.estimate().rounded())),
            DistinctCountResult(start: 100, end: 200, count: 7),
        ])
    }
}
