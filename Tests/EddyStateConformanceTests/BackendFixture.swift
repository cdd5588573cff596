import Eddy
import EddyCore
import EddyState
import EddyTesting
import Foundation

/// One backend kind under test, with a temporary checkpoint directory, a manual clock and helpers
/// to create, checkpoint and restore backends.
final class BackendFixture {
    let kind: StateBackendKind
    let root: String
    let storage: LocalCheckpointStorage
    let clock = ManualStateClock()
    private var created = 0

    init(_ kind: StateBackendKind) throws {
        self.kind = kind
        root = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-conformance-\(UUID().uuidString)").path
        storage = try LocalCheckpointStorage(root: root, jobID: "job")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A new backend owning `range` (of 128 key groups), restoring `handles`.
    func make(
        range: KeyGroupRange = KeyGroupRange(start: 0, end: 127), subtask: Int = 0,
        restoring handles: [KeyedStateHandle] = [], as kind: StateBackendKind? = nil
    ) throws -> any KeyedStateBackend<Int64> {
        created += 1
        let parameters = KeyedBackendParameters(
            operatorID: "op", subtaskIndex: subtask, keySerializer: IntegerSerializer<Int64>(), keyGroupRange: range,
            maxParallelism: 128, clock: clock, storage: storage, workingDirectory: root + "/work-\(created)")
        return try (kind ?? self.kind).makeKeyedBackend(parameters, restoring: handles)
    }

    /// Takes a snapshot, writes it out, registers its files and marks it complete.
    func snapshot(
        _ backend: any KeyedStateBackend<Int64>, id: Int64, kind: SnapshotKind = .checkpoint
    ) throws -> KeyedStateHandle {
        let inProgress = try backend.snapshot(
            checkpointID: id, kind: kind, location: CheckpointStorageLocation(storage: storage, checkpointID: id))
        let handle = try inProgress.run()
        storage.sharedRegistry.register(snapshotID: "chk-\(id)/\(UUID().uuidString)", files: handle.files)
        backend.notifyCheckpointComplete(id)
        return handle
    }

    /// The key ranges of `parallelism` subtasks over 128 key groups.
    static func ranges(_ parallelism: Int) -> [KeyGroupRange] {
        (0..<parallelism).map {
            KeyGroupRangeAssignment.range(forOperatorIndex: $0, parallelism: parallelism, maxParallelism: 128)
        }
    }

    /// Whether `key` belongs to `range`.
    static func owns(_ range: KeyGroupRange, _ key: Int64) -> Bool {
        range.contains(KeyGroupRangeAssignment.keyGroup(for: key, serializer: IntegerSerializer<Int64>(), maxParallelism: 128))
    }
}

/// Descriptors shared by the tests.
enum Descriptors {
    static let count = ValueStateDescriptor(name: "count", serializer: IntegerSerializer<Int64>())
    static let names = ListStateDescriptor(name: "names", elementSerializer: StringSerializer())
    static let attributes = MapStateDescriptor(name: "attributes", keySerializer: StringSerializer(), valueSerializer: IntegerSerializer<Int64>())
    static let sum = ReducingStateDescriptor(name: "sum", serializer: IntegerSerializer<Int64>()) { $0 + $1 }
    static let average = AggregatingStateDescriptor(name: "average", function: AverageFunction(), accumulatorSerializer: AverageAccumulatorSerializer())
}

/// (sum, count) → mean, for aggregating state.
struct AverageFunction: AggregateFunction {
    func createAccumulator() -> AverageAccumulator { AverageAccumulator(sum: 0, count: 0) }
    func add(_ value: Int64, to a: AverageAccumulator) -> AverageAccumulator { AverageAccumulator(sum: a.sum + value, count: a.count + 1) }
    func result(of a: AverageAccumulator) -> Double { a.count == 0 ? 0 : Double(a.sum) / Double(a.count) }
    func merge(_ a: AverageAccumulator, _ b: AverageAccumulator) -> AverageAccumulator { AverageAccumulator(sum: a.sum + b.sum, count: a.count + b.count) }
}

struct AverageAccumulator: Hashable { var sum: Int64; var count: Int64 }

struct AverageAccumulatorSerializer: Serializer {
    var fixedSize: Int? { 16 }
    func serialize<W: BinaryWriter>(_ value: AverageAccumulator, to writer: inout W) {
        writer.writeInteger(value.sum)
        writer.writeInteger(value.count)
    }
    func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> AverageAccumulator {
        AverageAccumulator(sum: try reader.readInteger(Int64.self), count: try reader.readInteger(Int64.self))
    }
}
