import Eddy
import EddyCore
import EddyMemory
import EddyState
import EddyStateRocksDB
import Foundation

/// `eddy bench state`: value-state get, update and read-modify-write with 8-byte keys and values on
/// one backend, against the same operations in the same run on the bare store underneath: a Swift
/// Dictionary for heap/filesystem, the raw RocksDB C API (same options) for rocksdb. Backend and
/// baseline loops alternate (``Measurement/interleaved(repetitions:_:baseline:)``).
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
        let measured: ValueStateLoopsResult
        if kind == .rocksdb {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-bench-raw-\(getpid())").path
            try? FileManager.default.removeItem(atPath: path)
            defer { try? FileManager.default.removeItem(atPath: path) }
            // The backend's own database options (memtables, compaction, cache, bloom filters), so
            // the comparison measures the state layer, not a differently tuned database. Opened
            // only once the backend has loaded and run alone, for its memory figure.
            let options = setup.rocksDBOptions.databaseOptions()
            measured = try setup.run(ValueStateLoops(keys: keys, operations: operations) {
                RawRocksDBStateBaseline(raw: try RawRocksDBBaseline(path: path, options: options))
            })
        } else {
            let keys = self.keys
            measured = try setup.run(ValueStateLoops(keys: keys, operations: operations) {
                DictionaryStateBaseline(capacity: keys)
            })
        }
        let n = operations
        emit(BenchmarkResult(
            suite: "state", name: "\(kind.rawValue).value.load", perSecond: Double(keys) / measured.loadSeconds, unit: "inserts/s",
            operations: keys, baselineName: measured.baselineName, baselinePerSecond: Double(keys) / measured.baselineLoadSeconds,
            notes: "peak RSS of the backend alone (load and one pass of each loop) \(measured.peakResidentBytes >> 20) MiB, budget \(memoryBudget >> 20) MiB"))
        let notes = "\(kind.rawValue), \(keys) keys"
        for (name, loop) in [("get", measured.get), ("update", measured.update), ("read-modify-write", measured.rmw)] {
            emit(BenchmarkResult(
                suite: "state", name: "\(kind.rawValue).value.\(name)", perSecond: Double(n) / loop.measured.seconds,
                unit: "ops/s", operations: n, allocationsPerOperation: Double(loop.measured.allocations) / Double(n),
                baselineName: measured.baselineName, baselinePerSecond: Double(n) / loop.baseline.seconds,
                notes: notes + String(format: ", baseline allocs/op %.2f", Double(loop.baseline.allocations) / Double(n))))
        }
    }
}

typealias Timed = (seconds: Double, allocations: UInt64)

struct ValueStateLoopsResult {
    var loadSeconds: Double
    var baselineLoadSeconds: Double
    var baselineName: String
    /// The process's peak resident memory after the backend loaded and ran one pass of each loop,
    /// before the baseline existed.
    var peakResidentBytes: Int
    var get: (measured: Timed, baseline: Timed)
    var update: (measured: Timed, baseline: Timed)
    var rmw: (measured: Timed, baseline: Timed)
}

/// The timed value-state loops, run with the backend's concrete type, alternating with the same
/// loops on a baseline store made by `makeBaseline`.
struct ValueStateLoops<Baseline: StateBaseline>: KeyedBackendConsumer {
    typealias Key = Int64
    let keys: Int
    let operations: Int
    let makeBaseline: () throws -> Baseline

    init(keys: Int, operations: Int, makeBaseline: @escaping () throws -> Baseline) {
        self.keys = keys
        self.operations = operations
        self.makeBaseline = makeBaseline
    }

    func use<Backend: KeyedStateBackend>(_ backend: Backend) throws -> ValueStateLoopsResult where Backend.Key == Int64 {
        let state = try backend.valueState(
            ValueStateDescriptor(name: "value", serializer: IntegerSerializer<Int64>()),
            namespaceSerializer: VoidNamespaceSerializer())
        let n = operations, k = keys
        // Each timed loop starts on a quiescent database (memtables flushed, compactions done), for
        // backend and baseline alike: otherwise a loop races the background work its predecessor left.
        func settleBackend() throws {
            if let rocksDB = backend as? RocksDBKeyedStateBackend<IntegerSerializer<Int64>> {
                try rocksDB.flushAndWaitForCompactions()
            }
        }
        let loadSeconds = try Measurement.once {
            try Self.load(k) { key in
                backend.setCurrentKey(key)
                try state.update(key)
            }
        }
        try settleBackend()
        var random = SplitMix64(seed: 42)
        func nextKey() -> Int64 { Int64(random.nextInt(below: UInt64(k))) }
        func backendGet() throws {
            var sum: Int64 = 0
            for _ in 0..<n {
                backend.setCurrentKey(nextKey())
                sum &+= try state.value() ?? 0
            }
            Measurement.consume(sum)
        }
        func backendUpdate() throws {
            for i in 0..<n {
                backend.setCurrentKey(nextKey())
                try state.update(Int64(i))
            }
        }
        func backendRMW() throws {
            for _ in 0..<n {
                backend.setCurrentKey(nextKey())
                try state.update((try state.value() ?? 0) &+ 1)
            }
        }
        // One pass of each alone, so the memory figure covers the backend working, not just loaded.
        try backendGet()
        try backendUpdate()
        try backendRMW()
        let peakRSS = ProcessMemory.peakResidentBytes ?? 0

        var baseline = try makeBaseline()
        let baselineLoadSeconds = try Measurement.once {
            try Self.load(k) { key in baseline.put(key, key) }
        }
        func baselineGet() {
            var sum: Int64 = 0
            for _ in 0..<n { sum &+= baseline.get(nextKey()) ?? 0 }
            Measurement.consume(sum)
        }
        func baselineUpdate() {
            for i in 0..<n { baseline.put(nextKey(), Int64(i)) }
        }
        func baselineRMW() {
            for _ in 0..<n { baseline.increment(nextKey()) }
        }
        func settleBoth() throws {
            try settleBackend()
            baseline.settle()
        }
        // The same history as the backend's before timing (load, then one pass of each loop), so
        // both stores hold the same data in the same shape: same number of versions and files.
        baseline.settle()
        baselineGet()
        baselineUpdate()
        baselineRMW()
        try settleBoth()
        let get = try Measurement.interleaved(repetitions: 3, backendGet, baseline: baselineGet)
        try settleBoth()
        let update = try Measurement.interleaved(repetitions: 3, backendUpdate, baseline: baselineUpdate)
        try settleBoth()
        let rmw = try Measurement.interleaved(repetitions: 3, backendRMW, baseline: baselineRMW)
        return ValueStateLoopsResult(
            loadSeconds: loadSeconds, baselineLoadSeconds: baselineLoadSeconds, baselineName: baseline.name,
            peakResidentBytes: peakRSS, get: get, update: update, rmw: rmw)
    }

    /// Inserts keys 0..<count in order, with progress on stderr every 10M keys (a 100M-key load
    /// into RocksDB takes many minutes).
    static func load(_ count: Int, _ insert: (Int64) throws -> Void) rethrows {
        let started = DispatchTime.now().uptimeNanoseconds
        for key in 0..<Int64(count) {
            try insert(key)
            if key % 10_000_000 == 9_999_999 {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                FileHandle.standardError.write(Data("loaded \(key + 1) keys in \(Int(seconds)) s\n".utf8))
            }
        }
    }
}
