import EddyCore
@testable import EddyState

/// Descriptors and helpers shared by the operator state tests: subtasks that fill states,
/// snapshot them, and restore at another parallelism.
enum OperatorStateFixture {
    static let offsets = ListStateDescriptor(name: "offsets", elementSerializer: IntegerSerializer<Int64>())
    static let watermarks = ListStateDescriptor(name: "watermarks", elementSerializer: StringSerializer())
    static let rules = MapStateDescriptor(
        name: "rules", keySerializer: StringSerializer(), valueSerializer: IntegerSerializer<Int32>())

    /// Snapshots `backends` (subtask i = backends[i]) into checkpoint `checkpointID`.
    static func snapshotAll(
        _ backends: [OperatorStateBackend], storage: any CheckpointStorage, checkpointID: Int64 = 1
    ) throws -> [OperatorStateHandle] {
        let location = CheckpointStorageLocation(storage: storage, checkpointID: checkpointID)
        return try backends.enumerated().map { index, backend in
            try backend.snapshot(checkpointID: checkpointID, location: location, operatorID: "op-7", subtaskIndex: index)
        }
    }

    /// Restores every subtask of `parallelism` from `handles`.
    static func restoreAll(
        _ handles: [OperatorStateHandle], storage: any CheckpointStorage, parallelism: Int
    ) throws -> [OperatorStateBackend] {
        try (0..<parallelism).map {
            try OperatorStateBackend(restoring: handles, storage: storage, subtaskIndex: $0, parallelism: parallelism)
        }
    }

    /// `parallelism` subtasks whose split list holds `counts[i]` distinct elements (i * 1000 + n),
    /// whose union list holds "w<i>", and whose broadcast state holds the same two rules.
    static func subtasks(counts: [Int]) throws -> [OperatorStateBackend] {
        try counts.enumerated().map { index, count in
            let backend = OperatorStateBackend()
            try backend.listState(offsets).addAll((0..<count).map { Int64(index * 1000 + $0) })
            try backend.unionListState(watermarks).add("w\(index)")
            let rules = try backend.broadcastState(rules)
            rules.put("max", 10)
            rules.put("min", 1)
            return backend
        }
    }

    /// The broadcast map as a dictionary.
    static func map(_ state: BroadcastState<String, Int32>) -> [String: Int32] {
        Dictionary(uniqueKeysWithValues: state.entries().map { ($0.key, $0.value) })
    }
}
