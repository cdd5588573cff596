import ArgumentParser
import EddyBenchmarks

struct ExchangeBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "Records through a channel between two threads, against the same records on one thread.")

    @Option(help: "Records per repetition.") var records = 10_000_000
    @Option(help: "Timed repetitions; the best is reported.") var repetitions = 3
    @Option(help: "Buffers (credits) per channel.") var buffers = 8
    @Flag(help: "Print one JSON object per line.") var json = false

    func run() throws {
        try ExchangeBenchmarks(records: records, repetitions: repetitions, buffersPerChannel: buffers)
            .run(BenchmarkReporter(json: json).report)
    }
}
