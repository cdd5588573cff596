import Eddy
import EddyCore
import EddyMemory
import EddySketches
import EddyWindowing
import Foundation

/// `eddy bench uv`: distinct users per 1-hour window sliding every 10 s over generated clicks.
/// Side by side (in one thread, no job runtime): exact, bloom and hll counters, with their events/s,
/// segment memory, process RSS and error against exact; the exact counter against a Swift
/// `Dictionary` baseline. Then the whole UV job (file source, watermarks, keyed exchange, counter,
/// sum, sink) at parallelism 1 from a CSV file, or from the generator in-process for huge user counts.
public struct UniqueVisitorBenchmarks {
    public var events: Int
    public var users: Int
    /// Event time advances this many events per second: sets how many users a window holds.
    public var eventsPerSecond: Int
    public var windowMillis: Int64 = 3_600_000
    public var slideMillis: Int64 = 10_000
    public var memoryBudget: Int
    public var methods: [DistinctCountMethod]
    /// Where the job run's CSV goes (generated once); nil runs the job from the generator in-process.
    public var csvDirectory: String?

    public init(
        events: Int, users: Int, eventsPerSecond: Int, memoryBudget: Int, methods: [DistinctCountMethod], csvDirectory: String?
    ) {
        self.events = events
        self.users = users
        self.eventsPerSecond = eventsPerSecond
        self.memoryBudget = memoryBudget
        self.methods = methods
        self.csvDirectory = csvDirectory
    }

    var generator: ClickGeneratorOptions {
        ClickGeneratorOptions(events: events, users: users, items: 1000, eventsPerSecond: eventsPerSecond, seed: 7)
    }
    var windows: SliceWindows { SliceWindows(sizeMillis: windowMillis, slideMillis: slideMillis) }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        if !methods.isEmpty { try sideBySide(emit) }
        try job(emit)
    }

    /// The counters alone, one after the other, each with a fresh memory manager.
    func sideBySide(_ emit: (BenchmarkResult) -> Void) throws {
        var baseline = DictionaryUniqueVisitors(windowMillis: windowMillis, slideMillis: slideMillis)
        let baselineSeconds = Measurement.once { drive(&baseline) }
        var exact: [Int64: Int64]?
        for method in methods {
            let memory = MemoryManager(budgetBytes: memoryBudget)
            let owner = memory.register(owner: "bench/uv/\(method.rawValue)")
            var results: [Int64: Int64] = [:]
            var largest = 0
            let run = try measure(method, owner) { results[$0.end] = $0.count } observe: { largest = max(largest, $0) }
            if method == .exact {
                exact = results
                let agrees = baseline.emitted.count == results.count && baseline.emitted.allSatisfy { results[$0.end] == $0.count }
                emitResult(emit, method, run, memory, largest, notes: agrees ? "= Dictionary baseline" : "≠ DICTIONARY BASELINE",
                           baselineSeconds: baselineSeconds)
            } else {
                emitResult(emit, method, run, memory, largest, notes: errorNotes(results, exact), baselineSeconds: nil)
            }
            owner.close()
        }
    }

    /// Feeds the generated clicks to `counter`-like `add`/`advance` calls, with a watermark of
    /// `max seen − 2 s` every 1000 events, as the job's periodic watermark would.
    func drive(_ baseline: inout DictionaryUniqueVisitors) {
        var maxSeen = Int64.min
        var index = 0
        for click in ClickGenerator(options: generator) {
            baseline.add(user: UInt64(bitPattern: click.userID), timestamp: click.timestampMillis)
            maxSeen = max(maxSeen, click.timestampMillis)
            index += 1
            if index % 1000 == 0 { baseline.advance(watermark: maxSeen - 2001) }
        }
        baseline.advance(watermark: Int64.max)
    }

    struct Run {
        var seconds: Double
        var allocations: UInt64
    }

    func measure(
        _ method: DistinctCountMethod, _ memory: MemoryOwner, _ result: @escaping (DistinctCountResult) -> Void,
        observe: (Int) -> Void
    ) throws -> Run {
        switch method {
        case .exact:
            return try measure(try ExactDistinctCounter(windows: windows, memory: memory, expectedUsers: users), result, observe)
        case .hll:
            return try measure(SketchDistinctCounter<HyperLogLog>(windows: windows, hllPrecision: 14, memory: memory), result, observe)
        case .bloom:
            let counter = SketchDistinctCounter<SplitBlockBloomFilter>(
                windows: windows, expectedUsers: users, falsePositiveRate: 0.01, memory: memory)
            return try measure(counter, result, observe)
        }
    }

    func measure<C: SlidingDistinctCounter>(
        _ counter: C, _ result: (DistinctCountResult) -> Void, _ observe: (Int) -> Void
    ) throws -> Run {
        var maxSeen = Int64.min
        var index = 0
        var allocations: UInt64 = 0
        let seconds = try Measurement.once {
            var batch: [Click] = []
            var generator = ClickGenerator(options: generator)
            while generator.fill(into: &batch, max: 1000) > 0 {
                let before = Measurement.threadAllocations
                for click in batch {
                    _ = try counter.add(user: UInt64(bitPattern: click.userID), timestamp: click.timestampMillis)
                    maxSeen = max(maxSeen, click.timestampMillis)
                }
                allocations &+= Measurement.threadAllocations &- before
                index += batch.count
                try counter.advanceWatermark(to: maxSeen - 2001, emit: result)
                if index % 1_000_000 == 0 { observe(counter.memoryBytes) }
            }
            try counter.advanceWatermark(to: Int64.max, emit: result)
        }
        observe(counter.memoryBytes)
        counter.releaseMemory()
        return Run(seconds: seconds, allocations: allocations)
    }

    func emitResult(
        _ emit: (BenchmarkResult) -> Void, _ method: DistinctCountMethod, _ run: Run, _ memory: MemoryManager, _ largest: Int,
        notes: String, baselineSeconds: Double?
    ) {
        let peak = memory.statistics.peakUsedSegments * memory.segmentSize
        emit(BenchmarkResult(
            suite: "uv", name: "counter.\(method.rawValue).\(users / 1000)K-users", perSecond: Double(events) / run.seconds,
            unit: "events/s", operations: events, allocationsPerOperation: Double(run.allocations) / Double(events),
            baselineName: baselineSeconds == nil ? nil : "Swift Dictionary last-seen map",
            baselinePerSecond: baselineSeconds.map { Double(events) / $0 },
            notes: "\(events) events, \(String(format: "%.2f", run.seconds)) s, counter memory \(mebibytes(largest)) "
                + "(segments peak \(mebibytes(peak))), RSS \(mebibytes(ProcessMemory.residentBytes ?? 0)), \(notes)"))
    }

    /// Mean and largest relative error against the exact counts, over every window.
    func errorNotes(_ estimates: [Int64: Int64], _ exact: [Int64: Int64]?) -> String {
        guard let exact, !exact.isEmpty else { return "no exact run to compare" }
        let errors = exact.map { end, count in abs(Double((estimates[end] ?? 0) - count)) / Double(count) }
        let mean = errors.reduce(0, +) / Double(errors.count)
        return String(format: "error vs exact: mean %.3f %%, max %.3f %% over %d windows", mean * 100, (errors.max() ?? 0) * 100, errors.count)
    }
}

/// 1234567 → "1.2 MiB".
func mebibytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
