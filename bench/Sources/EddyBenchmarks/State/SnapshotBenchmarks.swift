import Eddy
import EddyCore
import EddyState
import Foundation

/// `eddy bench snapshot`: K keys of value state, a first checkpoint, then a fraction of the keys
/// updated and a second checkpoint. Reports each checkpoint's synchronous and asynchronous time and
/// the bytes it wrote; the second's bytes against the first's is the incremental ratio.
public struct SnapshotBenchmarks {
    public var kind: StateBackendKind
    public var keys: Int
    public var updateFraction: Double
    public var memoryBudget: Int
    /// Keys read back after recovery, strided over the key space: nil for every key.
    public var readBackKeys: Int?

    public init(kind: StateBackendKind, keys: Int, updateFraction: Double, memoryBudget: Int, readBackKeys: Int? = nil) {
        self.kind = kind
        self.keys = keys
        self.updateFraction = updateFraction
        self.memoryBudget = memoryBudget
        self.readBackKeys = readBackKeys
    }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        let setup = try StateBenchmarkSetup(kind: kind, memoryBudget: memoryBudget)
        defer { setup.tearDown() }
        let result = try setup.run(CheckpointPair(keys: keys, updateFraction: updateFraction, storage: setup.storage))
        let rss = ProcessMemory.peakResidentBytes ?? 0
        let common = "\(kind.rawValue), \(keys) keys, load \(Int(Double(keys) / result.loadSeconds)) inserts/s, peak RSS \(rss >> 20) MiB, budget \(memoryBudget >> 20) MiB"
        for (label, figures) in [("full", result.first), ("incremental", result.second)] {
            emit(BenchmarkResult(
                suite: "snapshot", name: "\(kind.rawValue).checkpoint-\(label).bytes", perSecond: Double(figures.newBytes),
                unit: "bytes written", operations: keys,
                baselineName: label == "full" ? nil : "first checkpoint",
                baselinePerSecond: label == "full" ? nil : Double(result.first.newBytes),
                notes: String(format: "sync %.1f ms, async %.2f s, total referenced %d bytes; %@",
                              figures.syncMillis, figures.asyncSeconds, figures.totalBytes, common)))
        }
        emit(BenchmarkResult(
            suite: "snapshot", name: "\(kind.rawValue).checkpoint-incremental.sync", perSecond: result.second.syncMillis,
            unit: "ms synchronous", operations: result.updates,
            notes: "\(result.updates) keys updated (\(updateFraction * 100)%)"))
        let recovery = try measureRecovery(setup, from: result.second.handle)
        emit(BenchmarkResult(
            suite: "snapshot", name: "\(kind.rawValue).recovery", perSecond: Double(keys) / recovery.restore,
            unit: "keys/s restored", operations: keys,
            notes: String(
                format: "%.2f s to restore the incremental checkpoint (%d bytes) into a new backend and register its state; then %.2f s to read %@ once; %@",
                recovery.restore, result.second.totalBytes, recovery.readAll,
                readBackKeys.map { min($0, keys) < keys ? "\($0) keys strided over the key space" : "every key" } ?? "every key", common)))
    }

    /// Seconds to restore a new backend of this kind from `handle` (files read, checked and loaded,
    /// the state registered, so lazily restored heap state counts too), then to read every key.
    func measureRecovery(_ setup: StateBenchmarkSetup, from handle: KeyedStateHandle) throws -> (restore: Double, readAll: Double) {
        var parameters = setup.parameters
        parameters.workingDirectory = setup.directory + "/restored"
        var backend: (any KeyedStateBackend<Int64>)?
        defer { backend?.dispose() }
        var state: ValueStateHandle<VoidNamespace, Int64>?
        let restore = try Measurement.once {
            let restored = try kind.makeKeyedBackend(parameters, restoring: [handle], rocksDBOptions: setup.rocksDBOptions)
            backend = restored
            state = try restored.valueState(
                ValueStateDescriptor(name: "value", serializer: IntegerSerializer<Int64>()),
                namespaceSerializer: VoidNamespaceSerializer())
        }
        let keys = self.keys
        let reads = min(readBackKeys ?? keys, keys)
        // A sample strides through the key space with a step coprime to it: distinct keys, spread out.
        let step = reads == keys ? 1 : Self.coprimeStep(near: keys / max(reads, 1) + 7919, to: keys)
        let readAll = try Measurement.once {
            var found = 0
            var key = 0
            for _ in 0..<reads {
                backend!.setCurrentKey(Int64(key))
                if try state!.value() != nil { found += 1 }
                key = (key + step) % keys
            }
            guard found == reads else { throw StateError(.corruptSnapshot, "found \(found) of \(reads) keys read back") }
        }
        return (restore, readAll)
    }
}

extension SnapshotBenchmarks {
    /// The first number from `start` up that shares no factor with `n`.
    static func coprimeStep(near start: Int, to n: Int) -> Int {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        var step = max(start, 1)
        while gcd(step, n) != 1 { step += 1 }
        return step
    }
}

/// Load, checkpoint, update a fraction, checkpoint: run with the backend's concrete type.
struct CheckpointPair: KeyedBackendConsumer {
    typealias Key = Int64
    let keys: Int
    let updateFraction: Double
    let storage: any CheckpointStorage

    struct Figures {
        var syncMillis: Double
        var asyncSeconds: Double
        var newBytes: Int64
        var totalBytes: Int64
        var handle: KeyedStateHandle
    }
    struct Result { var loadSeconds: Double; var first: Figures; var second: Figures; var updates: Int }

    func use<Backend: KeyedStateBackend>(_ backend: Backend) throws -> Result where Backend.Key == Int64 {
        let state = try backend.valueState(
            ValueStateDescriptor(name: "value", serializer: IntegerSerializer<Int64>()),
            namespaceSerializer: VoidNamespaceSerializer())
        let loadSeconds = try Measurement.once {
            for key in 0..<Int64(keys) {
                backend.setCurrentKey(key)
                try state.update(key)
            }
        }
        let first = try checkpoint(backend, id: 1)
        var random = SplitMix64(seed: 7)
        let updates = Int(Double(keys) * updateFraction)
        for i in 0..<updates {
            backend.setCurrentKey(Int64(random.nextInt(below: UInt64(keys))))
            try state.update(-Int64(i))
        }
        let second = try checkpoint(backend, id: 2)
        return Result(loadSeconds: loadSeconds, first: first, second: second, updates: updates)
    }

    func checkpoint<Backend: KeyedStateBackend>(_ backend: Backend, id: Int64) throws -> Figures {
        let inProgress = try backend.snapshot(
            checkpointID: id, kind: .checkpoint, location: CheckpointStorageLocation(storage: storage, checkpointID: id))
        var handle: KeyedStateHandle?
        let asyncSeconds = try Measurement.once { handle = try inProgress.run() }
        storage.sharedRegistry.register(snapshotID: "chk-\(id)", files: handle!.files)
        backend.notifyCheckpointComplete(id)
        return Figures(
            syncMillis: Double(inProgress.synchronousNanoseconds) / 1e6, asyncSeconds: asyncSeconds,
            newBytes: handle!.newBytes, totalBytes: handle!.totalBytes, handle: handle!)
    }
}
