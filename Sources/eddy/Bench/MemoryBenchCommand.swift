import ArgumentParser
import EddyBenchmarks
import EddyMemory

struct MemoryBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Segments, paged views, spill files, serializers and the probing hash table: throughput and ratio to baselines.")

    @Option(help: "Records (and segment cycles) per repetition.")
    var records = 1_000_000

    @Option(help: "Timed repetitions per figure; the best is reported.")
    var repetitions = 5

    @Option(help: "Segment size in bytes (a power of two, 4096...1048576).")
    var segmentSize = MemorySegment.defaultSize

    @Flag(help: "Print one JSON object per line.")
    var json = false

    func validate() throws {
        guard MemorySegment.isValidSize(segmentSize) else {
            throw ValidationError("--segment-size \(segmentSize) is not a power of two from 4096 to 1048576")
        }
        guard records > 0, repetitions > 0 else { throw ValidationError("--records and --repetitions must be positive") }
    }

    func run() throws {
        let reporter = BenchmarkReporter(json: json)
        try MemoryBenchmarks(records: records, repetitions: repetitions, segmentSize: segmentSize).run(reporter.report)
    }
}
