import Eddy
import EddyCore
import EddyMemory
import EddyState
import EddyStateRocksDB
import Foundation

/// `eddy bench state`: value-state get, update and read-modify-write with 8-byte keys and values on
/// one backend, against the same operations in the same run on the bare store underneath: a Swift
/// Dictionary for heap/filesystem, the raw RocksDB C API (same options) for rocksdb.
public struct StateBenchmarks {
    public var kind: StateBackendKind
    public var keys: Int
    public var operations: Int
    public var memoryBudget: Int

    public init(kind: StateBackendKind, keys: Int, operations: Int, memoryBudget: Int) {
        self.kind = kind
        self.keys = keys
        self.operations = operations
        self.memoryBudget = memoryBudget
    }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        let setup = try StateBenchmarkSetup(kind: kind, memoryBudget: memoryBudget)
        defer { setup.tearDown() }
        let measured = try setup.run(ValueStateLoops(keys: keys, operations: operations))
        let n = operations
        emit(BenchmarkResult(
            suite: "state", name: "\(kind.rawValue).value.load", perSecond: Double(keys) / measured.loadSeconds, unit: "inserts/s",
            operations: keys, notes: "RSS after load \(measured.residentBytes >> 20) MiB"))
        let baseline = try runBaseline()
        let notes = "\(kind.rawValue), \(keys) keys, peak RSS \(measured.peakResidentBytes >> 20) MiB, budget \(memoryBudget >> 20) MiB"
        for (name, loop, base) in [("get", measured.get, baseline.get), ("update", measured.update, baseline.update),
                                   ("read-modify-write", measured.rmw, baseline.rmw)] {
            emit(BenchmarkResult(
                suite: "state", name: "\(kind.rawValue).value.\(name)", perSecond: Double(n) / loop.seconds,
                unit: "ops/s", operations: n, allocationsPerOperation: Double(loop.allocations) / Double(n),
                baselineName: kind == .rocksdb ? "raw RocksDB C API" : "Swift Dictionary",
                baselinePerSecond: Double(n) / base.seconds,
                notes: notes + String(format: ", baseline allocs/op %.2f", Double(base.allocations) / Double(n))))
        }
    }

    /// Seconds of the same get, update and read-modify-write loops on the bare store.
    func runBaseline() throws -> (get: Measured, update: Measured, rmw: Measured) {
        let n = operations, k = keys
        var random = SplitMix64(seed: 42)
        if kind == .rocksdb {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-bench-raw-\(getpid())").path
            try? FileManager.default.removeItem(atPath: path)
            defer { try? FileManager.default.removeItem(atPath: path) }
            // The backend's own database options (memtables, compaction, cache, bloom filters), so
            // the comparison measures the state layer, not a differently tuned database.
            var backendOptions = RocksDBBackendOptions()
            backendOptions.managedMemoryBytes = memoryBudget
            let raw = try RawRocksDBBaseline(path: path, options: backendOptions.databaseOptions())
            for key in 0..<Int64(k) { raw.put(key, key) }
            raw.flushAndWaitForCompactions()
            let get = Measurement.best(repetitions: 3) {
                var sum: Int64 = 0
                for _ in 0..<n { sum &+= raw.get(Int64(random.nextInt(below: UInt64(k)))) ?? 0 }
                Measurement.consume(sum)
            }
            raw.flushAndWaitForCompactions()
            let update = Measurement.best(repetitions: 3) {
                for i in 0..<n { raw.put(Int64(random.nextInt(below: UInt64(k))), Int64(i)) }
            }
            raw.flushAndWaitForCompactions()
            let rmw = Measurement.best(repetitions: 3) {
                for _ in 0..<n {
                    let key = Int64(random.nextInt(below: UInt64(k)))
                    raw.put(key, (raw.get(key) ?? 0) &+ 1)
                }
            }
            return (get, update, rmw)
        }
        var dictionary: [Int64: Int64] = [:]
        dictionary.reserveCapacity(k)
        for key in 0..<Int64(k) { dictionary[key] = key }
        let get = Measurement.best(repetitions: 3) {
            var sum: Int64 = 0
            for _ in 0..<n { sum &+= dictionary[Int64(random.nextInt(below: UInt64(k)))] ?? 0 }
            Measurement.consume(sum)
        }
        let update = Measurement.best(repetitions: 3) {
            for i in 0..<n { dictionary[Int64(random.nextInt(below: UInt64(k)))] = Int64(i) }
        }
        let rmw = Measurement.best(repetitions: 3) {
            for _ in 0..<n { dictionary[Int64(random.nextInt(below: UInt64(k))), default: 0] &+= 1 }
        }
        return (get, update, rmw)
    }

    typealias Measured = (seconds: Double, allocations: UInt64)
}

/// The timed value-state loops, run with the backend's concrete type.
struct ValueStateLoops: KeyedBackendConsumer {
    typealias Key = Int64
    let keys: Int
    let operations: Int

    struct Result {
        var loadSeconds: Double
        var residentBytes: Int
        /// The process's peak resident memory once the backend's loops are done (before the
        /// baseline runs): the backend's own high-water mark plus the process's.
        var peakResidentBytes: Int
        var get: (seconds: Double, allocations: UInt64)
        var update: (seconds: Double, allocations: UInt64)
        var rmw: (seconds: Double, allocations: UInt64)
    }

    func use<Backend: KeyedStateBackend>(_ backend: Backend) throws -> Result where Backend.Key == Int64 {
        let state = try backend.valueState(
            ValueStateDescriptor(name: "value", serializer: IntegerSerializer<Int64>()),
            namespaceSerializer: VoidNamespaceSerializer())
        let n = operations, k = keys
        // Load every key once (timed once: it is the insert path, not repeatable).
        // Progress on stderr every 10M keys: a 100M-key load into RocksDB takes many minutes.
        let loadSeconds = try Measurement.once {
            let started = DispatchTime.now().uptimeNanoseconds
            for key in 0..<Int64(k) {
                backend.setCurrentKey(key)
                try state.update(key)
                if key % 10_000_000 == 9_999_999 {
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                    FileHandle.standardError.write(Data("loaded \(key + 1) keys in \(Int(seconds)) s\n".utf8))
                }
            }
        }
        // Each timed loop starts on a quiescent database (memtables flushed, compactions done), as
        // the raw baseline's do: otherwise a loop races the background work its predecessor left.
        func settle() throws {
            if let rocksDB = backend as? RocksDBKeyedStateBackend<IntegerSerializer<Int64>> {
                try rocksDB.flushAndWaitForCompactions()
            }
        }
        try settle()
        let rss = ProcessMemory.residentBytes ?? 0
        var random = SplitMix64(seed: 42)
        let get = try Measurement.best(repetitions: 3) {
            var sum: Int64 = 0
            for _ in 0..<n {
                backend.setCurrentKey(Int64(random.nextInt(below: UInt64(k))))
                sum &+= try state.value() ?? 0
            }
            Measurement.consume(sum)
        }
        try settle()
        let update = try Measurement.best(repetitions: 3) {
            for i in 0..<n {
                backend.setCurrentKey(Int64(random.nextInt(below: UInt64(k))))
                try state.update(Int64(i))
            }
        }
        try settle()
        let rmw = try Measurement.best(repetitions: 3) {
            for _ in 0..<n {
                backend.setCurrentKey(Int64(random.nextInt(below: UInt64(k))))
                try state.update((try state.value() ?? 0) &+ 1)
            }
        }
        return Result(
            loadSeconds: loadSeconds, residentBytes: rss, peakResidentBytes: ProcessMemory.peakResidentBytes ?? 0,
            get: get, update: update, rmw: rmw)
    }
}
