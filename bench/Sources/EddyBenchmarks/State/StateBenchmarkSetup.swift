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
    let parameters: KeyedBackendParameters<IntegerSerializer<Int64>>
    let rocksDBOptions: RocksDBBackendOptions

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
        self.rocksDBOptions = rocksDBOptions
        parameters = KeyedBackendParameters(
            operatorID: "bench", keySerializer: IntegerSerializer<Int64>(),
            keyGroupRange: KeyGroupRange(start: 0, end: 127), storage: storage,
            workingDirectory: directory + "/db", memory: owner)
    }

    /// Runs `consumer` on a new backend of this kind, with its concrete type (the code path
    /// operators use), and disposes the backend afterwards.
    func run<C: KeyedBackendConsumer>(_ consumer: C) throws -> C.Result where C.Key == Int64 {
        try kind.withKeyedBackend(parameters, rocksDBOptions: rocksDBOptions, DisposingAfter(consumer))
    }

    func tearDown() {
        owner.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs a consumer, then disposes the backend it used.
struct DisposingAfter<Inner: KeyedBackendConsumer>: KeyedBackendConsumer {
    typealias Key = Inner.Key
    let inner: Inner
    init(_ inner: Inner) { self.inner = inner }
    func use<Backend: KeyedStateBackend>(_ backend: Backend) throws -> Inner.Result where Backend.Key == Inner.Key {
        defer { backend.dispose() }
        return try inner.use(backend)
    }
}
