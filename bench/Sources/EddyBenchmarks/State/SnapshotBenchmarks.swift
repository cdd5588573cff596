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

    public init(kind: StateBackendKind, keys: Int, updateFraction: Double, memoryBudget: Int) {
        self.kind = kind
        self.keys = keys
        self.updateFraction = updateFraction
        self.memoryBudget = memoryBudget
    }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        let setup = try StateBenchmarkSetup(kind: kind, memoryBudget: memoryBudget)
        defer { setup.tearDown() }
        let backend = setup.backend
        let state = try backend.valueState(
            ValueStateDescriptor(name: "value", serializer: IntegerSerializer<Int64>()),
            namespaceSerializer: VoidNamespaceSerializer())
        let loadSeconds = Measurement.once {
            for key in 0..<Int64(keys) {
                backend.setCurrentKey(key)
                try! state.update(key)
            }
        }
        let first = try checkpoint(setup, id: 1)
        var random = SplitMix64(seed: 7)
        let updates = Int(Double(keys) * updateFraction)
        for i in 0..<updates {
            backend.setCurrentKey(Int64(random.nextInt(below: UInt64(keys))))
            try state.update(-Int64(i))
        }
        let second = try checkpoint(setup, id: 2)
        let rss = ProcessMemory.peakResidentBytes ?? 0
        let common = "\(kind.rawValue), \(keys) keys, load \(Int(Double(keys) / loadSeconds)) inserts/s, peak RSS \(rss >> 20) MiB, budget \(memoryBudget >> 20) MiB"
        for (label, figures) in [("full", first), ("incremental", second)] {
            emit(BenchmarkResult(
                suite: "snapshot", name: "\(kind.rawValue).checkpoint-\(label).bytes", perSecond: Double(figures.newBytes),
                unit: "bytes written", operations: keys,
                baselineName: label == "full" ? nil : "first checkpoint",
                baselinePerSecond: label == "full" ? nil : Double(first.newBytes),
                notes: String(format: "sync %.1f ms, async %.2f s, total referenced %d bytes; %@",
                              figures.syncMillis, figures.asyncSeconds, figures.totalBytes, common)))
        }
        emit(BenchmarkResult(
            suite: "snapshot", name: "\(kind.rawValue).checkpoint-incremental.sync", perSecond: second.syncMillis,
            unit: "ms synchronous", operations: updates, notes: "\(updates) keys updated (\(updateFraction * 100)%)"))
    }

    struct Figures { var syncMillis: Double; var asyncSeconds: Double; var newBytes: Int64; var totalBytes: Int64 }

    func checkpoint(_ setup: StateBenchmarkSetup, id: Int64) throws -> Figures {
        let inProgress = try setup.backend.snapshot(
            checkpointID: id, kind: .checkpoint, location: CheckpointStorageLocation(storage: setup.storage, checkpointID: id))
        var handle: KeyedStateHandle?
        let asyncSeconds = try Measurement.once { handle = try inProgress.run() }
        setup.storage.sharedRegistry.register(snapshotID: "chk-\(id)", files: handle!.files)
        setup.backend.notifyCheckpointComplete(id)
        return Figures(
            syncMillis: Double(inProgress.synchronousNanoseconds) / 1e6, asyncSeconds: asyncSeconds,
            newBytes: handle!.newBytes, totalBytes: handle!.totalBytes)
    }
}
