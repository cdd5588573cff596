import ArgumentParser
import Eddy
import EddyBenchmarks

struct CheckpointBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "The keyed count job with periodic checkpoints at each interval, against the same job without, in one run.")
    @OptionGroup var job: JobBenchArguments
    @Option(parsing: .upToNextOption, help: "Checkpoint intervals in milliseconds.") var intervals: [Int64] = [10_000, 1_000]
    @Flag(help: "Unaligned checkpoints.") var unaligned = false
    @Option(help: "Runs of each configuration, interleaved; the best is reported.") var repetitions = 3
    func run() throws {
        try CheckpointBenchmark(job: job.benchmarks, intervalsMillis: intervals, unaligned: unaligned, repetitions: repetitions)
            .run(BenchmarkReporter(json: job.json).report)
    }
}
