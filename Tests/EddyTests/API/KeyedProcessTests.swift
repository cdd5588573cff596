import Eddy
import EddyCore
import EddyRuntime
import EddyState
import Foundation
import Testing

/// (key, timestamp) events for the tests.
struct Event: Hashable, StreamSerializable, CustomStringConvertible {
    var key: Int64
    var time: Int64
    static var streamSerializer: EventSerializer { EventSerializer() }
    var description: String { "\(key)@\(time)" }
}

struct EventSerializer: Serializer {
    var fixedSize: Int? { 16 }
    func serialize<W: BinaryWriter>(_ value: Event, to writer: inout W) {
        writer.writeInteger(value.key)
        writer.writeInteger(value.time)
    }
    func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> Event {
        Event(key: try reader.readInteger(Int64.self), time: try reader.readInteger(Int64.self))
    }
}

/// Counts events per key and tumbling window of `size` ms with event-time timers, as a window operator
/// would: a map state window-start → count, a timer at each window's last millisecond.
final class TumblingCount: KeyedProcessFunction {
    typealias Key = Int64
    typealias Input = Event
    typealias Out = [Int64]
    let size: Int64
    var counts: MapStateHandle<VoidNamespace, Int64, Int64>!
    var late = 0

    init(size: Int64) { self.size = size }

    func open(_ context: KeyedProcessOpenContext<Int64>) throws {
        counts = try context.state.mapState(
            MapStateDescriptor(name: "counts", keySerializer: IntegerSerializer<Int64>(), valueSerializer: IntegerSerializer<Int64>()))
    }

    func processElement(_ value: Event, context: KeyedProcessContext<Int64, [Int64]>) throws {
        let start = value.time - value.time % size
        guard start + size - 1 > context.currentWatermark else { late += 1; return }
        try counts.put(start, (try counts.get(start) ?? 0) + 1)
        context.registerEventTimeTimer(start + size - 1)
    }

    func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Int64, [Int64]>) throws {
        let start = timestamp + 1 - size
        guard let count = try counts.get(start) else { return }
        try counts.remove(start)
        try context.collect([start, start + size, context.currentKey, count])
    }
}

@Suite struct KeyedProcessTests {
    static func events(_ n: Int, seed: UInt64) -> [Event] {
        var random = SplitMix64(seed: seed)
        return (0..<n).map { i in
            // Time advances 1 ms per event; some events are up to 500 ms late.
            let late = random.nextInt(below: 10) == 0 ? Int64(random.nextInt(below: 500)) : 0
            return Event(key: Int64(random.nextInt(below: 37)), time: Int64(i) - late + 1_000)
        }
    }

    @Test(arguments: [StateBackendKind.heap, .rocksdb], [1, 2])
    func tumblingCountsWithEventTimeTimersEqualAReference(_ backend: StateBackendKind, _ parallelism: Int) throws {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        environment.stateBackend = backend
        let input = Self.events(20_000, seed: 3)
        let result = Collected<[Int64]>()
        environment.fromCollection(input, parallelism: 1)
            .assignTimestampsAndWatermarks(WatermarkStrategy.boundedOutOfOrderness(millis: 600).withTimestampAssigner { e, _ in e.time })
            .keyBy { $0.key }
            .process("tumbling") { TumblingCount(size: 1000) }
            .collect(into: result)
        try environment.execute("tumbling")
        // The bound covers every delay, so nothing is late and every window is complete.
        var expected: [[Int64]: Int64] = [:]
        for e in input { expected[[e.time - e.time % 1000, e.time - e.time % 1000 + 1000, e.key], default: 0] += 1 }
        var actual: [[Int64]: Int64] = [:]
        for row in result.values { actual[Array(row[0..<3])] = row[3] }
        #expect(actual == expected)
        #expect(result.values.count == expected.count, "each window fires once")
    }

    @Test func processingTimeTimersFire() throws {
        final class Delayed: KeyedProcessFunction {
            typealias Key = Int64
            typealias Input = Int64
            typealias Out = Int64
            func processElement(_ value: Int64, context: KeyedProcessContext<Int64, Int64>) throws {
                context.registerProcessingTimeTimer(context.currentProcessingTime + 20)
            }
            func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Int64, Int64>) throws {
                #expect(domain == .processingTime)
                try context.collect(context.currentKey)
            }
        }
        /// Emits one value per poll, 100 ms apart, so timers of earlier keys fire before the end.
        final class SlowSource: SourceReader {
            var next: Int64 = 1
            func poll(into output: Output<Int64>, budget: Int) throws -> SourceStatus {
                guard next <= 3 else { return .endOfInput }
                try output.record(next, nil)
                next += 1
                Thread.sleep(forTimeInterval: 0.1)
                return .moreAvailable
            }
        }
        let environment = StreamExecutionEnvironment()
        environment.bufferTimeoutMillis = 0
        let result = Collected<Int64>()
        environment.source("slow") { _, _ in SlowSource() }
            .keyBy { $0 }
            .process("delayed") { Delayed() }
            .collect(into: result)
        try environment.execute("processing-time")
        #expect(Set(result.values).isSubset(of: [1, 2]), "timers of the last key may not fire before the end")
        #expect(!result.values.isEmpty)
    }
}

@Suite struct ProcessFunctionTests {
    @Test func processFunctionSeesTimestampsAndWatermarksAndEmitsSideOutputs() throws {
        final class Split: ProcessFunction {
            typealias Input = Int64
            typealias Out = Int64
            static let small = OutputTag<Int64>("small")
            func processElement(_ value: Int64, context: ProcessContext<Int64>) throws {
                if value < 5 { try context.emit(value, to: Self.small) } else { try context.collect(value * 10 + (context.timestamp ?? 0)) }
            }
        }
        let environment = StreamExecutionEnvironment()
        let main = Collected<Int64>()
        let small = Collected<Int64>()
        let processed = environment.fromCollection(Array(Int64(0)..<10), timestamp: { $0 })
            .process("split") { Split() }
        processed.collect(into: main)
        processed.sideOutput(Split.small).collect(into: small)
        try environment.execute("process-function")
        #expect(main.values.sorted() == (Int64(5)..<10).map { $0 * 10 + $0 })
        #expect(small.values.sorted() == Array(0..<5))
    }

    @Test func ingestionTimeStampsRecordsWithTheClock() throws {
        let environment = StreamExecutionEnvironment()
        let clock = ManualClock(42_000)
        environment.clock = clock
        let result = Collected<Int64>()
        environment.fromCollection([Int64(1), 2, 3]).assignIngestionTimestamps().collect(into: result)
        try environment.execute("ingestion")
        #expect(result.entries.map(\.timestamp) == [42_000, 42_000, 42_000])
    }
}

/// A fixed processing time.
struct ManualClock: StateClock {
    let now: Int64
    init(_ now: Int64) { self.now = now }
    func currentTimeMillis() -> Int64 { now }
}
