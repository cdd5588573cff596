import ArgumentParser
import Eddy
import EddyBenchmarks

struct StateBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Value-state get, update and read-modify-write on a backend, against the bare store underneath.")

    @Option(help: "heap, filesystem or rocksdb.") var backend: StateBackendKind = .rocksdb
    @Option(help: "Distinct keys loaded before the timed operations.") var keys = 1_000_000
    @Option(help: "Operations per timed loop.") var ops = 1_000_000
    @Option(help: "Memory budget of the backend in MiB (RocksDB cache and write buffers).") var memoryMib = 512
    @Flag(help: "Print one JSON object per line.") var json = false

    func run() throws {
        let reporter = BenchmarkReporter(json: json)
        try StateBenchmarks(kind: backend, keys: keys, operations: ops, memoryBudget: memoryMib << 20).run(reporter.report)
    }
}

struct SnapshotBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "A full then an incremental checkpoint after updating a fraction of the keys: time and bytes.")

    @Option(help: "heap, filesystem or rocksdb.") var backend: StateBackendKind = .rocksdb
    @Option(help: "Distinct keys of value state.") var keys = 1_000_000
    @Option(help: "Fraction of keys updated between the two checkpoints.") var updateFraction = 0.01
    @Option(help: "Memory budget of the backend in MiB.") var memoryMib = 512
    @Option(help: "Keys read back after recovery (spread over the key space); default: every key.") var readBack: Int?
    @Flag(help: "Print one JSON object per line.") var json = false

    func run() throws {
        let reporter = BenchmarkReporter(json: json)
        try SnapshotBenchmarks(
            kind: backend, keys: keys, updateFraction: updateFraction, memoryBudget: memoryMib << 20, readBackKeys: readBack)
            .run(reporter.report)
    }
}

