import ArgumentParser
import Eddy
import Foundation

struct GenerateClicksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clicks",
        abstract: "Write a deterministic CSV of clicks: user_id,item_id,ts_millis (no header).",
        discussion: """
            Event time advances at --events-per-second events per second of event time, starting at
            \(ClickGeneratorOptions.defaultStartMillis) ms; a fraction of events (--late-fraction) is delayed
            by up to --max-delay-millis. The same options and seed always give the same file. The file is
            written to FILE.tmp, fsync'ed and renamed.
            """)

    @Option(help: "Number of events.") var events: Int
    @Option(help: "Distinct users; user_id is uniform in [0, users).") var users: Int
    @Option(help: "Distinct items; item_id is uniform in [0, items).") var items = 1000
    @Option(help: "Events per second of event time.") var eventsPerSecond = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Fraction of events delivered late (0...1).") var lateFraction = 0.05
    @Option(help: "Largest delay of a late event, in milliseconds.") var maxDelayMillis: Int64 = 2000
    @Option(help: "Output CSV file.") var output: String

    var options: ClickGeneratorOptions {
        ClickGeneratorOptions(
            events: events, users: users, items: items, eventsPerSecond: eventsPerSecond, seed: seed,
            lateFraction: lateFraction, maxDelayMillis: maxDelayMillis)
    }

    func validate() throws {
        do { try options.validate() } catch { throw ValidationError(error.message) }
    }

    func run() throws {
        let start = Date()
        let stats = try ClickCSVWriter.writeGenerated(options, to: output)
        let seconds = Date().timeIntervalSince(start)
        let rate = Double(stats.records) / max(seconds, 1e-9)
        FileHandle.standardError.write(Data(String(
            format: "wrote %d clicks (%d bytes) to %@ in %.2f s (%.1fM events/s)\n",
            stats.records, stats.bytes, stats.path, seconds, rate / 1e6).utf8))
    }
}
