import ArgumentParser
import Eddy
import EddyWindowing
import Foundation

struct UniqueVisitorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uv",
        abstract: "Unique visitors per sliding window: writes window_start_ms,window_end_ms,uv rows to OUTPUT/uv.csv.",
        discussion: """
            --output is a directory: the rows go to uv.csv in it (one per window that saw a click, in order of
            window end), malformed input lines to dead-letters.txt. With --checkpoint-interval they go instead to
            part files part-0-<n>.csv (in order of n) committed as checkpoints complete: exactly once across
            crashes, and a rerun on the same --checkpoint-dir resumes from the newest checkpoint. A window fires when the watermark (2 s
            bounded out-of-orderness) passes its end; clicks whose first window already fired are late and
            dropped. --distinct exact counts exactly (last-seen slice per user in a segment hash table;
            spills to the state backend when --memory-mib is used up); bloom and hll estimate with a sketch
            per slice.
            """)

    @OptionGroup var job: ClickJobArguments
    @Option(help: "Window size: 500ms, 10s, 1m, 1h.") var window = "1h"
    @Option(help: "Slide; must divide the window.") var slide = "10s"
    @Option(help: "exact, bloom or hll.") var distinct: DistinctCountMethod = .exact
    @Option(help: "Distinct users a window is expected to hold (table size; Bloom filter size).") var expectedUsers = 1 << 20
    @Option(help: "False-positive rate of the Bloom filters at --expected-users.") var bloomFpp = 0.01
    @Option(help: "HyperLogLog precision (4...18).") var hllPrecision = 14

    func validate() throws {
        guard let size = DurationArgument.milliseconds(window), let step = DurationArgument.milliseconds(slide) else {
            throw ValidationError("--window \(window) / --slide \(slide): expected a positive number with ms, s, m or h (e.g. 10s)")
        }
        guard step <= size, size % step == 0 else { throw ValidationError("--slide \(slide) must divide --window \(window)") }
        guard (4...18).contains(hllPrecision) else { throw ValidationError("--hll-precision \(hllPrecision) outside 4...18") }
        guard bloomFpp > 0 && bloomFpp < 1 else { throw ValidationError("--bloom-fpp \(bloomFpp) outside (0, 1)") }
        guard expectedUsers > 0 else { throw ValidationError("--expected-users must be positive") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: job.output, withIntermediateDirectories: true)
        var options = job.options
        // With periodic checkpoints the rows are exactly-once part files (part-0-<n>.csv, in order of
        // n) in the directory itself; without, one file uv.csv.
        let exactlyOnce = options.checkpointIntervalMillis != nil
        options.output = exactlyOnce ? job.output : job.output + "/uv.csv"
        options.deadLetterOutput = job.deadLetterOutput ?? job.output + (exactlyOnce ? "/dead-letters" : "/dead-letters.txt")
        let distinct = DistinctCountOptions(
            method: distinct, expectedUsersPerWindow: max(expectedUsers / job.parallelism, 1), bloomFalsePositiveRate: bloomFpp,
            hllPrecision: hllPrecision)
        let report = try ClickJobs.uniqueVisitors(
            options, windowMillis: DurationArgument.milliseconds(window)!, slideMillis: DurationArgument.milliseconds(slide)!,
            distinct: distinct)
        ClickJobCommandOutput.print(report, name: "uv (\(distinct.method.rawValue))")
    }
}

extension DistinctCountMethod: ExpressibleByArgument {}
