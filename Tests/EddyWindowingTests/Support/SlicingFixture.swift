import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import EddyStateHeap
import EddyWindowing

/// A slicing operator over a heap backend, built directly (no job): counts per key, sliding
/// windows of 40 ms every 10 ms unless told otherwise, on a budget of `segments` segments.
final class SlicingFixture {
    typealias Operator = SlicingWindowOperator<Int64, AggregateSliceAggregation<CountPerKey>, BinarySlicePartials<SegmentSliceTable, IntegerSerializer<Int64>>>
    let memory: MemoryManager
    let owner: MemoryOwner
    let backend: HeapKeyedStateBackend<IntegerSerializer<Int64>>
    let windows: Operator
    let storage: InMemoryCheckpointStorage
    /// (count, timestamp) emitted, in order.
    var emitted: [String] = []
    var late: [Int64] = []

    init(
        segments: Int = 64, range: KeyGroupRange = KeyGroupRange(start: 0, end: 127), subtask: Int = 0,
        layout: SliceLayout = SlidingWindows<Int64>.eventTime(sizeMillis: 40, slideMillis: 10).sliceLayout!,
        lateness: Int64 = 0, storage: InMemoryCheckpointStorage = InMemoryCheckpointStorage(),
        restoring keyed: [KeyedStateHandle] = [], raw: [RawKeyedStateHandle] = []
    ) throws {
        memory = MemoryManager(budgetBytes: segments * MemorySegment.defaultSize)
        owner = memory.register(owner: "slices")
        self.storage = storage
        backend = try HeapKeyedStateBackend(
            parameters: KeyedBackendParameters(
                operatorID: "window", subtaskIndex: subtask, keySerializer: IntegerSerializer<Int64>(), keyGroupRange: range,
                storage: storage, workingDirectory: "/tmp/unused"),
            mode: .full, restoring: keyed)
        let owner = self.owner
        var sink: (String) -> Void = { _ in }
        var lateSink: (Int64) -> Void = { _ in }
        windows = try Operator(
            backend: backend, layout: layout, aggregation: AggregateSliceAggregation(CountPerKey()),
            accumulatorSerializer: IntegerSerializer<Int64>(),
            makePartials: { BinarySlicePartials(table: SegmentSliceTable(valueSize: 8, owner: owner), serializer: IntegerSerializer<Int64>()) },
            output: Output(record: { sink("\($0)@\($1!)") }, sideOutput: { _, value, _ in lateSink(value as! Int64) }),
            metrics: OperatorMetrics(operatorID: "window", subtaskIndex: subtask),
            settings: WindowOperatorSettings(name: "window", allowedLateness: lateness, lateDataTag: "late"))
        sink = { [unowned self] in emitted.append($0) }
        lateSink = { [unowned self] in late.append($0) }
        if !raw.isEmpty { try windows.restore(from: raw, storage: storage) }
    }

    /// Keys whose key group is in `range`.
    func owns(_ key: Int64) -> Bool {
        backend.keyGroupRange.contains(KeyGroupRangeAssignment.keyGroup(for: key, serializer: IntegerSerializer<Int64>(), maxParallelism: 128))
    }

    func element(_ key: Int64, at time: Int64) throws { try windows.processElement(key, timestamp: time, key: key) }
    func watermark(_ time: Int64) throws { try windows.processWatermark(Watermark(time)) }

    /// Snapshots the operator and its backend, as a checkpoint would (synchronously).
    func checkpoint(_ id: Int64) throws -> (raw: [RawKeyedStateHandle], keyed: KeyedStateHandle) {
        try EddyWindowingTests.checkpoint(windows, backend, storage: storage, id: id, operatorID: "window")
    }
}

/// Counts elements.
struct CountPerKey: AggregateFunction {
    func createAccumulator() -> Int64 { 0 }
    func add(_ value: Int64, to accumulator: Int64) -> Int64 { accumulator + 1 }
    func result(of accumulator: Int64) -> Int64 { accumulator }
    func merge(_ a: Int64, _ b: Int64) -> Int64 { a + b }
}
