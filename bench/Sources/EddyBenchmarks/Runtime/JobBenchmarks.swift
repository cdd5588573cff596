import Eddy
import EddyCore
import EddyMemory
import EddyRuntime
import Foundation

/// `eddy bench keyed-count|tumble-count|pipeline`: jobs on the runtime from the click generator, each
/// against a plain Swift computation of the same result in the same run (which also checks the
/// job's output: the checksums must agree).
public struct JobBenchmarks {
    public var events: Int
    public var keys: Int
    public var backend: StateBackendKind
    public var parallelism: Int
    public var memoryBudget: Int

    public init(events: Int, keys: Int, backend: StateBackendKind, parallelism: Int, memoryBudget: Int = 1 << 30) {
        self.events = events
        self.keys = keys
        self.backend = backend
        self.parallelism = parallelism
        self.memoryBudget = memoryBudget
    }

    var generator: ClickGeneratorOptions {
        ClickGeneratorOptions(events: events, users: keys, items: min(keys, 1000), eventsPerSecond: 10_000, seed: 1)
    }

    func environment() -> StreamExecutionEnvironment {
        let environment = StreamExecutionEnvironment(memory: MemoryManager(budgetBytes: memoryBudget))
        environment.parallelism = parallelism
        environment.stateBackend = backend
        environment.rocksDBOptions.managedMemoryBytes = memoryBudget / 2 / max(parallelism, 1)
        return environment
    }

    func clicks(_ environment: StreamExecutionEnvironment) -> DataStream<Click> {
        environment.fromClickGenerator(generator, parallelism: parallelism)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.boundedOutOfOrderness(millis: 2000).withTimestampAssigner { click, _ in click.timestampMillis })
    }

    public func keyedCount(_ emit: (BenchmarkResult) -> Void) throws {
        let environment = self.environment()
        let result = ChecksumResult()
        ClickJobs.countPerUser(clicks(environment)).checksum(into: result) { mix($0.key, $0.value) }
        let seconds = try environment.execute("bench-keyed-count").seconds
        var counts: [Int64: Int64] = [:]
        let baseline = Measurement.once { for click in ClickGenerator(options: generator) { counts[click.userID, default: 0] += 1 } }
        let expected = counts.reduce(Int64(0)) { $0 &+ mix($1.key, $1.value) }
        report(emit, "keyed-count", seconds: seconds, baseline: baseline, result: result, expected: expected)
    }

    public func tumbleCount(_ emit: (BenchmarkResult) -> Void, windowMillis: Int64 = 60_000) throws {
        let environment = self.environment()
        let result = ChecksumResult()
        ClickJobs.countPerItemAndWindow(clicks(environment), windowMillis: windowMillis)
            .checksum(into: result) { mix($0.start &* 31 &+ $0.key, $0.count) }
        let seconds = try environment.execute("bench-tumble-count").seconds
        var counts: [[Int64]: Int64] = [:]
        let baseline = Measurement.once {
            for click in ClickGenerator(options: generator) {
                counts[[click.timestampMillis - click.timestampMillis % windowMillis, click.itemID], default: 0] += 1
            }
        }
        let expected = counts.reduce(Int64(0)) { $0 &+ mix($1.key[0] &* 31 &+ $1.key[1], $1.value) }
        report(emit, "tumble-count", seconds: seconds, baseline: baseline, result: result, expected: expected)
    }

    /// A chained map → filter → map pipeline (one task per subtask).
    public func pipeline(_ emit: (BenchmarkResult) -> Void) throws {
        let environment = self.environment()
        let result = ChecksumResult()
        environment.fromClickGenerator(generator, parallelism: parallelism)
            .map { $0.userID &* 2 &+ $0.itemID }
            .filter { $0 % 3 != 0 }
            .map { $0 &+ 1 }
            .checksum(into: result) { $0 }
        let seconds = try environment.execute("bench-pipeline").seconds
        var expected: Int64 = 0
        let baseline = Measurement.once {
            for click in ClickGenerator(options: generator) {
                let a = click.userID &* 2 &+ click.itemID
                if a % 3 != 0 { expected &+= a &+ 1 }
            }
        }
        report(emit, "pipeline.map-filter-map", seconds: seconds, baseline: baseline, result: result, expected: expected)
    }

    func report(
        _ emit: (BenchmarkResult) -> Void, _ name: String, seconds: Double, baseline: Double, result: ChecksumResult, expected: Int64
    ) {
        let checksum = result.checksum.load(ordering: .relaxed)
        let rss = (ProcessMemory.peakResidentBytes ?? 0) >> 20
        emit(BenchmarkResult(
            suite: "job", name: "\(name).\(backend.rawValue).p\(parallelism)", perSecond: Double(events) / seconds,
            unit: "events/s", operations: events, baselineName: "plain Swift loop", baselinePerSecond: Double(events) / baseline,
            notes: "\(events) events, \(keys) keys, \(String(format: "%.2f", seconds)) s, peak RSS \(rss) MiB, "
                + "checksum \(String(UInt64(bitPattern: checksum), radix: 16)) \(checksum == expected ? "= baseline" : "≠ BASELINE \(String(UInt64(bitPattern: expected), radix: 16))")"))
    }
}
