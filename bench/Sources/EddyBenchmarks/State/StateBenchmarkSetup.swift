import Eddy
import EddyCore
import EddyMemory
import EddyState
import EddyStateRocksDB
import Foundation

/// A backend of one kind over a temporary directory, for the state benchmarks.
struct StateBenchmarkSetup {
    let kind: StateBackendKind
    let directory: String
    let storage: any CheckpointStorage
    let memory: MemoryManager
    let owner: MemoryOwner
    let backend: any KeyedStateBackend<Int64>

    /// - Parameter memoryBudget: bytes of the MemoryManager budget the backend is charged to.
    init(kind: StateBackendKind, memoryBudget: Int, directory: String? = nil) throws {
        self.kind = kind
        let directory = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("eddy-bench-state-\(getpid())-\(kind.rawValue)").path
        self.directory = directory
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        storage = try LocalCheckpointStorage(root: directory + "/checkpoints", jobID: "bench")
        memory = MemoryManager(budgetBytes: memoryBudget)
        owner = memory.register(owner: "bench/\(kind.rawValue)-backend")
        var rocksDBOptions = RocksDBBackendOptions()
        rocksDBOptions.managedMemoryBytes = memoryBudget
        let parameters = KeyedBackendParameters(
            operatorID: "bench", keySerializer: IntegerSerializer<Int64>(),
            keyGroupRange: KeyGroupRange(start: 0, end: 127), storage: storage,
            workingDirectory: directory + "/db", memory: owner)
        backend = try kind.makeKeyedBackend(parameters, rocksDBOptions: rocksDBOptions)
    }

    func tearDown() {
        backend.dispose()
        owner.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
