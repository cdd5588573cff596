import EddyCore
import EddyMemory
import EddyState
import Foundation

@testable import EddyStateRocksDB

typealias IntBackend = RocksDBKeyedStateBackend<IntegerSerializer<Int64>>

/// A temporary directory holding checkpoint storage and backend working directories.
struct BackendFixture {
    let directory: TemporaryDirectory
    let storage: LocalCheckpointStorage
    let clock = ManualClock()
    let maxParallelism = 128

    init() throws {
        directory = try TemporaryDirectory()
        storage = try LocalCheckpointStorage(root: directory.appending("checkpoints"), jobID: "job")
    }

    /// Small memtables so tests flush often and stay fast.
    static var smallOptions: RocksDBBackendOptions {
        var options = RocksDBBackendOptions()
        options.managedMemoryBytes = 8 << 20
        options.writeBufferBytes = 1 << 20
        return options
    }

    func backend(
        subtask: Int = 0, parallelism: Int = 1, restoring handles: [KeyedStateHandle] = [],
        options: RocksDBBackendOptions = smallOptions, memory: MemoryOwner? = nil, name: String? = nil
    ) throws -> IntBackend {
        let range = KeyGroupRangeAssignment.range(
            forOperatorIndex: subtask, parallelism: parallelism, maxParallelism: maxParallelism)
        let parameters = KeyedBackendParameters(
            operatorID: "op", subtaskIndex: subtask, keySerializer: IntegerSerializer<Int64>(), keyGroupRange: range,
            maxParallelism: maxParallelism, clock: clock, storage: storage,
            workingDirectory: directory.appending(name ?? "work-\(subtask)-\(UUID().uuidString.prefix(6))"), memory: memory)
        return try IntBackend(parameters: parameters, options: options, restoring: handles)
    }

    func location(_ id: Int64) -> CheckpointStorageLocation { CheckpointStorageLocation(storage: storage, checkpointID: id) }

    func remove() { directory.remove() }
}

extension RocksDBKeyedStateBackend {
    /// Snapshot and run the asynchronous part at once.
    func takeSnapshot(_ id: Int64, _ kind: SnapshotKind, _ location: CheckpointStorageLocation) throws -> KeyedStateHandle {
        try snapshot(checkpointID: id, kind: kind, location: location).run()
    }
}

/// Keys of a subtask's range among `0..<count`.
func keys(of backend: IntBackend, among count: Int64) -> [Int64] {
    (0..<count).filter {
        backend.keyGroupRange.contains(
            KeyGroupRangeAssignment.keyGroup(for: $0, serializer: IntegerSerializer<Int64>(), maxParallelism: backend.maxParallelism))
    }
}

let valueDescriptor = ValueStateDescriptor(name: "value", serializer: IntegerSerializer<Int64>())
let void = VoidNamespaceSerializer()
