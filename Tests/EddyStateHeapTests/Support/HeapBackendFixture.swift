import EddyCore
import EddyState
import EddyStateHeap

/// Builds heap backends over one in-memory storage and clock, and takes snapshots synchronously.
struct HeapBackendFixture {
    typealias Backend = HeapKeyedStateBackend<IntegerSerializer<Int>>
    static let maxParallelism = 128

    let storage = InMemoryCheckpointStorage()
    let clock = ManualClock()
    var mode: SnapshotMode = .full

    init(mode: SnapshotMode = .full) { self.mode = mode }

    /// A backend owning `range` (all 128 key groups by default).
    func backend(
        range: KeyGroupRange = KeyGroupRange(start: 0, end: 127), subtask: Int = 0,
        mode: SnapshotMode? = nil, restoring handles: [KeyedStateHandle] = []
    ) throws -> Backend {
        let parameters = KeyedBackendParameters(
            operatorID: "op", subtaskIndex: subtask, keySerializer: IntegerSerializer<Int>(), keyGroupRange: range,
            maxParallelism: Self.maxParallelism, clock: clock, storage: storage, workingDirectory: "/tmp/unused")
        return try Backend(parameters: parameters, mode: mode ?? self.mode, restoring: handles)
    }

    /// Takes a snapshot and runs its asynchronous part at once.
    func snapshot(_ backend: Backend, _ checkpointID: Int64, kind: SnapshotKind = .checkpoint) throws -> KeyedStateHandle {
        try backend.snapshot(
            checkpointID: checkpointID, kind: kind, location: CheckpointStorageLocation(storage: storage, checkpointID: checkpointID)
        ).run()
    }

    static func keyGroup(of key: Int) -> Int {
        KeyGroupRangeAssignment.keyGroup(for: key, serializer: IntegerSerializer<Int>(), maxParallelism: maxParallelism)
    }

    /// `count` keys whose key group is `keyGroup`.
    static func keys(inKeyGroup keyGroup: Int, count: Int) -> [Int] {
        Array((0...).lazy.filter { Self.keyGroup(of: $0) == keyGroup }.prefix(count))
    }
}

/// Descriptors the tests share.
enum TestStates {
    static func value(_ name: String = "value", ttl: StateTTLConfig? = nil, default value: Int? = nil) -> ValueStateDescriptor<IntegerSerializer<Int>> {
        ValueStateDescriptor(name: name, serializer: IntegerSerializer<Int>(), defaultValue: value, ttl: ttl)
    }

    static func list(_ name: String = "list", ttl: StateTTLConfig? = nil) -> ListStateDescriptor<StringSerializer> {
        ListStateDescriptor(name: name, elementSerializer: StringSerializer(), ttl: ttl)
    }

    static func map(_ name: String = "map", ttl: StateTTLConfig? = nil) -> MapStateDescriptor<StringSerializer, IntegerSerializer<Int>> {
        MapStateDescriptor(name: name, keySerializer: StringSerializer(), valueSerializer: IntegerSerializer<Int>(), ttl: ttl)
    }

    static func reducing(_ name: String = "sum", ttl: StateTTLConfig? = nil) -> ReducingStateDescriptor<IntegerSerializer<Int>> {
        ReducingStateDescriptor(name: name, serializer: IntegerSerializer<Int>(), ttl: ttl) { $0 + $1 }
    }

    static func aggregating(_ name: String = "avg", ttl: StateTTLConfig? = nil) -> AggregatingStateDescriptor<Average, ArraySerializer<IntegerSerializer<Int>>> {
        AggregatingStateDescriptor(name: name, function: Average(), accumulatorSerializer: ArraySerializer(IntegerSerializer<Int>()), ttl: ttl)
    }
}

/// Average of integers; the accumulator is [sum, count].
struct Average: AggregateFunction {
    func createAccumulator() -> [Int] { [0, 0] }
    func add(_ value: Int, to accumulator: [Int]) -> [Int] { [accumulator[0] + value, accumulator[1] + 1] }
    func result(of accumulator: [Int]) -> Double { Double(accumulator[0]) / Double(accumulator[1]) }
    func merge(_ a: [Int], _ b: [Int]) -> [Int] { [a[0] + b[0], a[1] + b[1]] }
}

extension KeyedStateBackend {
    func value(_ descriptor: ValueStateDescriptor<IntegerSerializer<Int>>) throws -> ValueStateHandle<VoidNamespace, Int> {
        try valueState(descriptor, namespaceSerializer: VoidNamespaceSerializer())
    }
}
