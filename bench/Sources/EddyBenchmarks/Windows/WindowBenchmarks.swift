import Eddy
import EddyCore
import EddyMemory
import EddyRuntime
import EddyWindowing
import Foundation

/// `eddy bench windows`: window jobs from the click generator.
/// - sessions (30 s gap) per user on the general window operator, against a plain Swift
///   sessionization of the same clicks (per-user timestamp arrays, sorted and cut);
/// - tumbling (1 h) counts per user and sliding (1 h every 10 s) counts per item on the slicing
///   operator, against the general operator on the same job (its 360 windows per element make
///   the sliding baseline slow, so it runs on a prefix of the clicks: `generalSlidingEvents`).
/// Each checks its output against its baseline's by checksum.
public struct WindowBenchmarks {
    public var events: Int
    public var keys: Int
    public var items: Int
    public var sessionEventsPerSecond: Int
    public var generalSlidingEvents: Int
    public var backend: StateBackendKind
    public var memoryBudget: Int
    public var parallelism = 1

    public init(
        events: Int, keys: Int, items: Int = 1000, sessionEventsPerSecond: Int = 100_000, generalSlidingEvents: Int? = nil,
        backend: StateBackendKind = .heap, memoryBudget: Int = 2 << 30
    ) {
        self.events = events
        self.keys = keys
        self.items = items
        self.sessionEventsPerSecond = sessionEventsPerSecond
        self.generalSlidingEvents = generalSlidingEvents ?? max(events / 50, 1)
        self.backend = backend
        self.memoryBudget = memoryBudget
    }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        try sessions(emit)
        try tumbling(emit)
        try sliding(emit)
    }

    func options(events: Int, eventsPerSecond: Int) -> ClickGeneratorOptions {
        ClickGeneratorOptions(events: events, users: keys, items: items, eventsPerSecond: eventsPerSecond, seed: 1)
    }

    /// Runs a window job over the generated clicks; returns its seconds and checksum.
    func job(
        _ name: String, _ options: ClickGeneratorOptions,
        _ windows: (KeyedStream<Click, Int64>) -> DataStream<KeyedValue<Int64, Int64>>, key: @escaping (Click) -> Int64
    ) throws -> (seconds: Double, checksum: Int64, results: Int64) {
        let environment = StreamExecutionEnvironment(memory: MemoryManager(budgetBytes: memoryBudget))
        environment.stateBackend = backend
        environment.parallelism = parallelism
        environment.rocksDBOptions.managedMemoryBytes = memoryBudget / 4
        let result = ChecksumResult()
        windows(environment.fromClickGenerator(options)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.boundedOutOfOrderness(millis: options.maxDelayMillis).withTimestampAssigner { click, _ in click.timestampMillis })
            .keyBy(key))
            .windowChecksum(into: result)
        let seconds = try environment.execute("bench-windows-\(name)").seconds
        return (seconds, result.checksum.load(ordering: .relaxed), result.count.load(ordering: .relaxed))
    }

    public func sessions(_ emit: (BenchmarkResult) -> Void) throws {
        let gap: Int64 = 30_000
        let options = self.options(events: events, eventsPerSecond: sessionEventsPerSecond)
        let run = try job("sessions", options, {
            $0.window(SessionWindows.eventTime(gapMillis: gap)).aggregate(CountClicks { $0.userID })
        }, key: { $0.userID })
        let general = try job("sessions-general", options, {
            $0.window(SessionWindows.eventTime(gapMillis: gap)).withGeneralOperator().aggregate(CountClicks { $0.userID })
        }, key: { $0.userID })
        var expected: Int64 = 0
        var sessions: Int64 = 0
        let baseline = Measurement.once {
            var times = [[Int64]](repeating: [], count: keys)
            for click in ClickGenerator(options: options) { times[Int(click.userID)].append(click.timestampMillis) }
            for user in times.indices where !times[user].isEmpty {
                times[user].sort()
                var (last, count): (Int64, Int64) = (times[user][0], 0)
                for time in times[user] {
                    if time > last &+ gap {
                        expected &+= windowMix(Int64(user), last &+ gap &- 1, count)
                        sessions += 1
                        count = 0
                    }
                    last = time
                    count += 1
                }
                expected &+= windowMix(Int64(user), last &+ gap &- 1, count)
                sessions += 1
            }
        }
        let plain = "plain Swift \(String(format: "%.1f", Double(events) / baseline / 1e6)) M/s"
        report(emit, "sessions.30s.session-operator", events: events, run: run, baselineName: "general window operator", baseline: general.seconds,
               expected: general.checksum, notes: "\(keys) users, \(sessionEventsPerSecond) events per event-time second, \(sessions) sessions, "
                + "\(plain), plain checksum \(run.checksum == expected ? "agrees" : "DIFFERS")")
        // The operator alone, on this thread: no source task, exchange or watermark generator.
        let setup = try StateBenchmarkSetup(kind: backend, memoryBudget: memoryBudget / 2)
        defer { setup.tearDown() }
        let alone = try setup.run(SessionOperatorLoop(options: options, gap: gap, memory: setup.memory))
        emit(BenchmarkResult(
            suite: "windows", name: "sessions.30s.session-operator.operator-only.\(backend.rawValue)", perSecond: Double(events) / alone.seconds,
            unit: "events/s", operations: events, allocationsPerOperation: alone.allocationsPerEvent,
            baselineName: "plain Swift sessionization", baselinePerSecond: Double(events) / baseline,
            notes: "the operator driven on one thread, \(String(format: "%.2f", alone.seconds)) s, checksum \(alone.checksum == expected ? "= baseline" : "≠ BASELINE")"))
    }

    public func tumbling(_ emit: (BenchmarkResult) -> Void) throws {
        let options = self.options(events: events, eventsPerSecond: 1000)
        let window = TumblingWindows<Click>.eventTime(sizeMillis: 3_600_000)
        let sliced = try job("tumbling-sliced", options, { $0.window(window).aggregate(CountClicks { $0.userID }) }, key: { $0.userID })
        let general = try job("tumbling-general", options, {
            $0.window(window).withGeneralOperator().aggregate(CountClicks { $0.userID })
        }, key: { $0.userID })
        report(emit, "tumbling.1h.sliced", events: events, run: sliced, baselineName: "general window operator", baseline: general.seconds,
               expected: general.checksum, notes: "\(keys) users, 1000 events per event-time second")
        let setup = try StateBenchmarkSetup(kind: backend, memoryBudget: memoryBudget / 2)
        defer { setup.tearDown() }
        let alone = try setup.run(SlicingOperatorLoop(options: options, layout: window.sliceLayout!, memory: setup.memory) { $0.userID })
        emit(BenchmarkResult(
            suite: "windows", name: "tumbling.1h.sliced.operator-only.\(backend.rawValue)", perSecond: Double(events) / alone.seconds,
            unit: "events/s", operations: events, allocationsPerOperation: alone.allocationsPerEvent,
            notes: "the operator driven on one thread, \(String(format: "%.2f", alone.seconds)) s, checksum \(alone.checksum == general.checksum ? "= general operator's" : "≠ GENERAL OPERATOR'S")"))
    }

    public func sliding(_ emit: (BenchmarkResult) -> Void) throws {
        let window = SlidingWindows<Click>.eventTime(sizeMillis: 3_600_000, slideMillis: 10_000)
        let full = options(events: events, eventsPerSecond: 1000)
        let prefix = options(events: generalSlidingEvents, eventsPerSecond: 1000)
        let sliced = try job("sliding-sliced", full, { $0.window(window).aggregate(CountClicks { $0.itemID }) }, key: { $0.itemID })
        let slicedPrefix = try job("sliding-sliced-prefix", prefix, { $0.window(window).aggregate(CountClicks { $0.itemID }) }, key: { $0.itemID })
        let general = try job("sliding-general", prefix, {
            $0.window(window).withGeneralOperator().aggregate(CountClicks { $0.itemID })
        }, key: { $0.itemID })
        let agrees = slicedPrefix.checksum == general.checksum && slicedPrefix.results == general.results
        emit(BenchmarkResult(
            suite: "windows", name: "sliding.1h-10s.sliced.\(backend.rawValue).p\(parallelism)", perSecond: Double(events) / sliced.seconds, unit: "events/s",
            operations: events, baselineName: "general window operator on \(generalSlidingEvents) events",
            baselinePerSecond: Double(generalSlidingEvents) / general.seconds,
            notes: "\(items) items, 1000 events per event-time second, \(sliced.results) results, \(String(format: "%.2f", sliced.seconds)) s; "
                + "on the prefix: sliced \(String(format: "%.2f", slicedPrefix.seconds)) s, general \(String(format: "%.2f", general.seconds)) s, "
                + "\(general.results) results, checksums \(agrees ? "agree" : "DIFFER"); peak RSS \((ProcessMemory.peakResidentBytes ?? 0) >> 20) MiB"))
    }

    func report(
        _ emit: (BenchmarkResult) -> Void, _ name: String, events: Int, run: (seconds: Double, checksum: Int64, results: Int64),
        baselineName: String, baseline: Double, expected: Int64, notes: String
    ) {
        emit(BenchmarkResult(
            suite: "windows", name: "\(name).\(backend.rawValue).p\(parallelism)", perSecond: Double(events) / run.seconds, unit: "events/s",
            operations: events, baselineName: baselineName, baselinePerSecond: Double(events) / baseline,
            notes: "\(notes), \(run.results) results, \(String(format: "%.2f", run.seconds)) s, peak RSS \((ProcessMemory.peakResidentBytes ?? 0) >> 20) MiB, "
                + "checksum \(run.checksum == expected ? "= baseline" : "≠ BASELINE")"))
    }
}
