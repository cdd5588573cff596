import ArgumentParser
import Eddy
import EddyBenchmarks

/// Options of the job benchmarks.
struct JobBenchArguments: ParsableArguments {
    @Option(help: "Events generated.") var events = 10_000_000
    @Option(help: "Distinct keys (users).") var keys = 100_000
    @Option(help: "heap, filesystem or rocksdb.") var backend: StateBackendKind = .heap
    @Option(help: "Parallelism.") var parallelism = 1
    @Option(help: "Memory budget in MiB.") var memoryMib = 1024
    @Flag(help: "Print one JSON object per line.") var json = false

    var benchmarks: JobBenchmarks {
        JobBenchmarks(events: events, keys: keys, backend: backend, parallelism: parallelism, memoryBudget: memoryMib << 20)
    }
}

struct KeyedCountBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyed-count", abstract: "The keyed count job from the generator, against a plain Swift count.")
    @OptionGroup var job: JobBenchArguments
    func run() throws { try job.benchmarks.keyedCount(BenchmarkReporter(json: job.json).report) }
}

struct TumbleCountBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tumble-count", abstract: "The tumbling count job (1 min windows) from the generator, against a plain Swift count.")
    @OptionGroup var job: JobBenchArguments
    func run() throws { try job.benchmarks.tumbleCount(BenchmarkReporter(json: job.json).report) }
}

struct PipelineBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline", abstract: "A chained map/filter/map pipeline from the generator, against a plain loop.")
    @OptionGroup var job: JobBenchArguments
    func run() throws { try job.benchmarks.pipeline(BenchmarkReporter(json: job.json).report) }
}

struct LatencyBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency", abstract: "End-to-end latency through a 3-task pipeline at half its maximum rate.")
    @Option(help: "Records of the maximum-rate run.") var records = 20_000_000
    @Option(help: "Seconds of the half-rate run.") var seconds = 3.0
    @Flag(help: "Print one JSON object per line.") var json = false
    func run() throws { try LatencyBenchmark(records: records, seconds: seconds).run(BenchmarkReporter(json: json).report) }
}
