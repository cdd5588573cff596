import Eddy
import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import EddyStateHeap
import EddyWindowing

/// Counts and sums like ``CountAndSum`` (same `[count, sum]` result) with an accumulator of a fixed
/// binary size, so the session operator keeps it in its table.
struct FixedCountAndSum: AggregateFunction {
    func createAccumulator() -> KeyedValue<Int64, Int64> { KeyedValue(key: 0, value: 0) }
    func add(_ value: Reading, to accumulator: KeyedValue<Int64, Int64>) -> KeyedValue<Int64, Int64> {
        KeyedValue(key: accumulator.key + 1, value: accumulator.value + value.value)
    }
    func result(of accumulator: KeyedValue<Int64, Int64>) -> [Int64] { [accumulator.key, accumulator.value] }
    func merge(_ a: KeyedValue<Int64, Int64>, _ b: KeyedValue<Int64, Int64>) -> KeyedValue<Int64, Int64> {
        KeyedValue(key: a.key + b.key, value: a.value + b.value)
    }
}

/// A session operator over a heap backend, built directly (no job): ``FixedCountAndSum`` per key in
/// event-time sessions, its table on a budget of `segments` segments of 4 KiB (72 keys a segment),
/// or without a table (every key in the backend).
final class SessionFixture {
    typealias Operator = SessionWindowOperator<
        Int64, SessionWindows<Reading>, AggregateSliceAggregation<FixedCountAndSum>, KeyedValueSerializer<Int64, Int64>
    >
    /// What a checkpoint of the operator holds: its table, the backend, the backend keys' timers.
    struct Snapshot {
        var raw: [RawKeyedStateHandle]
        var keyed: KeyedStateHandle
        var timers: [UInt8]
    }

    let memory: MemoryManager
    let owner: MemoryOwner
    let backend: HeapKeyedStateBackend<IntegerSerializer<Int64>>
    let windows: Operator
    let storage: InMemoryCheckpointStorage
    let subtask: Int
    /// "[count, sum]@timestamp", in emission order.
    var emitted: [String] = []
    var late: [String] = []

    init(
        storage: InMemoryCheckpointStorage = InMemoryCheckpointStorage(), gap: Int64 = 10, lateness: Int64 = 0, segments: Int = 256,
        range: KeyGroupRange = KeyGroupRange(start: 0, end: 127), subtask: Int = 0, restoring: [Snapshot] = [], table: Bool = true
    ) throws {
        memory = MemoryManager(budgetBytes: segments * 4096, segmentSize: 4096)
        owner = memory.register(owner: "sessions")
        self.storage = storage
        self.subtask = subtask
        backend = try HeapKeyedStateBackend(
            parameters: KeyedBackendParameters(
                operatorID: "sessions", subtaskIndex: subtask, keySerializer: IntegerSerializer<Int64>(), keyGroupRange: range,
                storage: storage, workingDirectory: "/tmp/unused"),
            mode: .full, restoring: restoring.map(\.keyed))
        var sink: (String) -> Void = { _ in }
        var lateSink: (String) -> Void = { _ in }
        let serializer = KeyedValueSerializer<Int64, Int64>()
        windows = Operator(
            backend: backend, assigner: SessionWindows.eventTime(gapMillis: gap), aggregation: AggregateSliceAggregation(FixedCountAndSum()),
            state: try SessionsState(backend: backend, accumulatorSerializer: serializer), accumulatorSerializer: serializer, memory: table ? owner : nil,
            output: Output(record: { sink("\($0)@\($1!)") }, sideOutput: { _, value, _ in lateSink("\(value)") }),
            metrics: OperatorMetrics(operatorID: "sessions", subtaskIndex: subtask),
            settings: WindowOperatorSettings(name: "sessions", allowedLateness: lateness, lateDataTag: "late"))
        sink = { [unowned self] in emitted.append($0) }
        lateSink = { [unowned self] in late.append($0) }
        for snapshot in restoring { try windows.timers.restore(from: snapshot.timers) }
        if !restoring.isEmpty { try windows.restore(from: restoring.flatMap(\.raw), storage: storage) }
    }

    deinit { windows.close() }

    /// Whether this fixture's key groups hold `key`.
    func owns(_ key: Int64) -> Bool {
        backend.keyGroupRange.contains(KeyGroupRangeAssignment.keyGroup(for: key, serializer: IntegerSerializer<Int64>(), maxParallelism: 128))
    }

    func element(_ reading: Reading, at time: Int64) throws { try windows.processElement(reading, timestamp: time, key: reading.key) }
    func watermark(_ time: Int64) throws { try windows.processWatermark(Watermark(time)) }

    /// Snapshots the operator, its backend and its timers, as the keyed operator's checkpoint does.
    func checkpoint(_ id: Int64) throws -> Snapshot {
        let (raw, keyed) = try EddyWindowingTests.checkpoint(
            windows, backend, storage: storage, id: id, operatorID: "sessions", subtask: subtask)
        try windows.notifyCheckpointComplete(id)
        return Snapshot(raw: raw, keyed: keyed, timers: windows.timers.snapshot())
    }
}
