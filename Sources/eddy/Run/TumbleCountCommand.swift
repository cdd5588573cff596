import ArgumentParser
import Eddy
import Foundation

struct TumbleCountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tumble-count",
        abstract: "Clicks per item and tumbling event-time window: writes window_start_ms,window_end_ms,item_id,count rows.",
        discussion: """
            A window fires when the watermark (2 s bounded out-of-orderness) passes its end; records later
            than that are dropped and counted.
            """)

    @OptionGroup var job: ClickJobArguments
    @Option(help: "Window size: 500ms, 10s, 1m, 1h.") var window: String = "1m"

    func validate() throws {
        guard DurationArgument.milliseconds(window) != nil else {
            throw ValidationError("--window \(window): expected a positive number with ms, s, m or h (e.g. 1m)")
        }
    }

    func run() throws {
        let report = try ClickJobs.tumbleCount(job.options, windowMillis: DurationArgument.milliseconds(window)!)
        ClickJobCommandOutput.print(report, name: "tumble-count")
    }
}

/// Durations on the command line: `500ms`, `10s`, `1m`, `1h`.
enum DurationArgument {
    static func milliseconds(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let value = Int64(text.dropLast(suffix.count)), value > 0 else { return nil }
            return value * factor
        }
        return nil
    }
}

/// The one-line report the run commands print on standard error.
enum ClickJobCommandOutput {
    static func print(_ report: ClickJobReport, name: String) {
        var line = String(
            format: "%@: %lld records, %lld dead letters, %d rows in %.2f s (%.0f records/s)",
            name, report.records, report.deadLetters, report.rowsWritten, report.seconds,
            Double(report.records) / max(report.seconds, 1e-9))
        if let checkpoint = report.checkpointMetadata { line += "; final checkpoint \(checkpoint)" }
        if report.restarts > 0 { line += "; \(report.restarts) restarts" }
        if report.stoppedWithSavepoint { line += "; stopped with a savepoint (resume with --restore)" }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
