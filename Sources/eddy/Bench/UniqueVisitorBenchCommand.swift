import ArgumentParser
import EddyBenchmarks
import EddyWindowing

struct UniqueVisitorBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uv",
        abstract: "Unique visitors (1 h window, 10 s slide): exact vs bloom vs hll side by side, then the exact UV job.",
        discussion: """
            The side-by-side run feeds the generated clicks to each counter on one thread and reports events/s,
            memory and the error against exact (exact against a Swift Dictionary baseline). The job run reads
            a CSV file (written once under --csv-dir), or with --in-process takes clicks from the generator
            (for --users 100000000, whose file would be huge). --methods none skips the side-by-side run.
            """)

    @Option(help: "Events generated.") var events = 10_000_000
    @Option(help: "Distinct users (user ids are uniform below this).") var users = 1_000_000
    @Option(help: "Events per second of event time (sets how many users a window holds).") var eventsPerSecond = 1_000
    @Option(help: "Memory budget in MiB (each counter's and the job's).") var memoryMib = 2048
    @Option(help: "Counters to compare: comma-separated exact,bloom,hll, or none.") var methods = "exact,bloom,hll"
    @Option(help: "Where the job's input CSV is written and reused.") var csvDir = ".build-bench/uv-data"
    @Flag(help: "Run the job from the generator in-process instead of a CSV file.") var inProcess = false
    @Flag(help: "Print one JSON object per line.") var json = false

    func validate() throws {
        guard events > 0, users > 0, eventsPerSecond > 0 else { throw ValidationError("--events, --users, --events-per-second must be positive") }
        guard methods == "none" || methods.split(separator: ",").allSatisfy({ DistinctCountMethod(rawValue: String($0)) != nil }) else {
            throw ValidationError("--methods \(methods): expected exact, bloom, hll (comma-separated) or none")
        }
    }

    func run() throws {
        let chosen = methods == "none" ? [] : methods.split(separator: ",").compactMap { DistinctCountMethod(rawValue: String($0)) }
        try UniqueVisitorBenchmarks(
            events: events, users: users, eventsPerSecond: eventsPerSecond, memoryBudget: memoryMib << 20, methods: chosen,
            csvDirectory: inProcess ? nil : csvDir
        ).run(BenchmarkReporter(json: json).report)
    }
}
