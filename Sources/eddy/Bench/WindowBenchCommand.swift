import ArgumentParser
import Eddy
import EddyBenchmarks

struct WindowBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "windows",
        abstract: "Session windows against plain Swift; tumbling and sliding windows on the slicing against the general operator.")

    @Option(help: "Events generated.") var events = 10_000_000
    @Option(help: "Distinct users (the key of sessions and tumbling windows).") var keys = 1_000_000
    @Option(help: "Distinct items (the key of sliding windows).") var items = 1000
    @Option(help: "Events per event-time second of the session run.") var sessionRate = 100_000
    @Option(help: "Events of the general operator's sliding run (default: events / 50).") var generalSlidingEvents: Int?
    @Option(help: "heap, filesystem or rocksdb.") var backend: StateBackendKind = .heap
    @Option(help: "Memory budget in MiB.") var memoryMib = 2048
    @Option(help: "Parallelism of the jobs.") var parallelism = 1
    @Option(help: "Which runs: all, sessions, tumbling, sliding.") var only = "all"
    @Flag(help: "Print one JSON object per line.") var json = false

    func run() throws {
        var benchmarks = WindowBenchmarks(
            events: events, keys: keys, items: items, sessionEventsPerSecond: sessionRate, generalSlidingEvents: generalSlidingEvents,
            backend: backend, memoryBudget: memoryMib << 20)
        benchmarks.parallelism = parallelism
        let report = BenchmarkReporter(json: json).report
        switch only {
        case "sessions": try benchmarks.sessions(report)
        case "tumbling": try benchmarks.tumbling(report)
        case "sliding": try benchmarks.sliding(report)
        default: try benchmarks.run(report)
        }
    }
}
