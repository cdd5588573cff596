import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import Foundation
import Synchronization

/// The built-in jobs over click CSV files: the keyed count (final clicks per user) and the tumbling
/// count (clicks per item and window), on the streaming runtime with any state backend and
/// parallelism. Both read with a bounded-out-of-orderness watermark and send malformed lines to a
/// dead-letter file.
public enum ClickJobs {
    /// Final count per user: rows `user_id,count`.
    public static func keyedCount(_ options: ClickJobOptions) throws -> ClickJobReport {
        try run(options, name: "keyed-count") { clicks in
            countPerUser(clicks).map("format") { "\($0.key),\($0.value)" }
        }
    }

    /// Count per item and tumbling event-time window: rows `window_start_ms,window_end_ms,item_id,count`.
    /// Records behind the watermark (later than the out-of-orderness allows) are dropped and counted.
    public static func tumbleCount(_ options: ClickJobOptions, windowMillis: Int64) throws -> ClickJobReport {
        try run(options, name: "tumble-count") { clicks in
            countPerItemAndWindow(clicks, windowMillis: windowMillis).map("format") { "\($0.start),\($0.end),\($0.key),\($0.count)" }
        }
    }

    /// The keyed count's pipeline: clicks (with watermarks) → final count per user.
    public static func countPerUser(_ clicks: DataStream<Click>) -> DataStream<KeyedValue<Int64, Int64>> {
        clicks.keyBy { $0.userID }.process("count-per-user") { FinalCountPerKey<Click>() }
    }

    /// The tumbling count's pipeline: clicks (with watermarks) → count per item and window.
    public static func countPerItemAndWindow(_ clicks: DataStream<Click>, windowMillis: Int64) -> DataStream<WindowCount> {
        precondition(windowMillis > 0, "a window must be positive")
        return clicks.keyBy { $0.itemID }.process("tumbling-count") { TumblingCountPerKey(windowMillis: windowMillis) }
    }

    /// Source → watermarks → `body` → one CSV sink; dead letters → their own file.
    static func run(
        _ options: ClickJobOptions, name: String, body: (DataStream<Click>) -> DataStream<String>
    ) throws -> ClickJobReport {
        let environment = StreamExecutionEnvironment(memory: MemoryManager(budgetBytes: options.memoryBudgetBytes))
        environment.parallelism = options.parallelism
        environment.stateBackend = options.backend
        environment.checkpointDirectory = options.checkpointDirectory
        environment.takesFinalCheckpoint = options.checkpointDirectory != nil
        environment.checkpointPolicy.intervalMillis = options.checkpointIntervalMillis
        environment.checkpointPolicy.restorePath = options.restorePath
        if options.checkpointDirectory != nil { environment.jobID = options.jobID ?? name }
        environment.onJobDeployed = options.onJobDeployed
        // With periodic checkpoints, sinks write part files that appear as checkpoints complete.
        let exactlyOnce = options.checkpointIntervalMillis != nil
        func write(_ stream: DataStream<String>, to path: String) {
            if exactlyOnce { stream.writeCSVParts(path, parallelism: 1) { $0 } } else { stream.writeCSV(path, parallelism: 1) { $0 } }
        }
        if let stateDirectory = options.stateDirectory { environment.workingDirectory = stateDirectory }
        let counters = JobCounters()
        let clicks = environment.readClicks(options.inputs, parallelism: options.parallelism)
        let deadLetters = clicks.sideOutput(DeadLetter.outputTag)
            .map("describe-dead-letter") { letter -> String in
                counters.deadLetters.add(1, ordering: .relaxed)
                return "\(letter.source):\(letter.line): \(letter.reason): \(letter.raw)"
            }
        write(deadLetters, to: options.deadLetterOutput ?? options.output + ".dead-letters")
        let counted = clicks.map("count-input") { click -> Click in
            counters.records.add(1, ordering: .relaxed)
            return click
        }
        let rows = body(counted.assignTimestampsAndWatermarks(
            WatermarkStrategy.boundedOutOfOrderness(millis: options.outOfOrdernessMillis)
                .withTimestampAssigner { click, _ in click.timestampMillis }))
        let output = rows.map("count-output") { row -> String in
            counters.rows.add(1, ordering: .relaxed)
            return row
        }
        write(output, to: options.output)
        let result = try environment.execute(name)
        return ClickJobReport(
            jobID: result.jobID, seconds: result.seconds, records: counters.records.load(ordering: .relaxed),
            deadLetters: counters.deadLetters.load(ordering: .relaxed), rowsWritten: Int(counters.rows.load(ordering: .relaxed)),
            checkpointMetadata: result.finalCheckpointMetadata.map { $0.hasPrefix("/") ? $0 : "\(options.checkpointDirectory!)/\(result.jobID)/\($0)" },
            restarts: result.restarts, stoppedWithSavepoint: result.stoppedWithSavepoint)
    }
}

/// Counts shared by the subtasks of one run (relaxed atomics, read after the job ended).
final class JobCounters: Sendable {
    let records = Atomic<Int64>(0)
    let deadLetters = Atomic<Int64>(0)
    let rows = Atomic<Int64>(0)
}
