import Eddy
import EddyCore
import EddyRuntime
import EddyState
import EddyWindowing
import Testing

/// Counts events per window.
struct CountEvents: AggregateFunction {
    func createAccumulator() -> Int64 { 0 }
    func add(_ value: Event, to accumulator: Int64) -> Int64 { accumulator + 1 }
    func result(of accumulator: Int64) -> Int64 { accumulator }
    func merge(_ a: Int64, _ b: Int64) -> Int64 { a + b }
}

/// Emits [key, start, end, count] per window.
final class KeyedWindowCount: ProcessWindowFunction {
    func process(_ key: Int64, elements: [Int64], context: ProcessWindowContext<Int64, TimeWindow, [Int64]>) throws {
        try context.collect([key, context.window.start, context.window.end, elements[0]])
    }
}

/// Emits a watermark after every event (bound 100 ms), so lateness does not depend on timing.
final class PunctuatedWatermarks: WatermarkGenerator {
    var maxTimestamp = Int64.min + 101
    func onEvent(_ element: Event, timestamp: Int64, output: WatermarkOutput) throws {
        maxTimestamp = max(maxTimestamp, timestamp)
        try output.emitWatermark(Watermark(maxTimestamp - 101))
    }
    func onPeriodicEmit(nowMillis: Int64, output: WatermarkOutput) throws {}
}

/// Whole jobs with window operators: parallel subtasks, both backends, late data on a side output.
@Suite struct WindowedStreamTests {
    @Test(arguments: [StateBackendKind.heap, .rocksdb], [1, 2])
    func tumblingCountsEqualAReferenceAndLateEventsGoToTheSideOutput(_ backend: StateBackendKind, _ parallelism: Int) throws {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        environment.stateBackend = backend
        let input = KeyedProcessTests.events(20_000, seed: 5)
        let counts = Collected<[Int64]>()
        let late = Collected<Event>()
        let lateTag = OutputTag<Event>("late-events")
        // A 100 ms bound against delays of up to 500 ms: some events are late.
        let windowed = environment.fromCollection(input, parallelism: 1)
            .assignTimestampsAndWatermarks(WatermarkStrategy { PunctuatedWatermarks() }.withTimestampAssigner { e, _ in e.time })
            .keyBy { $0.key }
            .window(TumblingWindows.eventTime(sizeMillis: 1000))
            .sideOutputLateData(lateTag)
            .aggregate(CountEvents(), process: { KeyedWindowCount() })
        windowed.collect(into: counts)
        windowed.sideOutput(lateTag).collect(into: late)
        try environment.execute("window-counts")

        let lateEvents = late.values
        #expect(!lateEvents.isEmpty)
        var expected: [[Int64]: Int64] = [:]
        var remaining = input
        for event in lateEvents { remaining.remove(at: remaining.firstIndex(of: event)!) }
        for e in remaining { expected[[e.key, e.time - e.time % 1000, e.time - e.time % 1000 + 1000], default: 0] += 1 }
        var actual: [[Int64]: Int64] = [:]
        for row in counts.values {
            #expect(actual[Array(row[0..<3])] == nil, "each window fires once")
            actual[Array(row[0..<3])] = row[3]
        }
        #expect(actual == expected)
        #expect(counts.entries.allSatisfy { $0.timestamp == $0.value[2] - 1 }, "results carry the window's max timestamp")
    }

    @Test(arguments: [1, 2])
    func sessionsOverAParallelJob(_ parallelism: Int) throws {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        let input = KeyedProcessTests.events(10_000, seed: 9)
        let sessions = Collected<[Int64]>()
        environment.fromCollection(input, parallelism: 1)
            .assignTimestampsAndWatermarks(WatermarkStrategy.boundedOutOfOrderness(millis: 600).withTimestampAssigner { e, _ in e.time })
            .keyBy { $0.key }
            .window(SessionWindows.eventTime(gapMillis: 60))
            .aggregate(CountEvents(), process: { KeyedWindowCount() })
            .collect(into: sessions)
        try environment.execute("sessions")
        // Reference: per key, sorted times cut where the next is more than the gap after the last.
        var expected: [[Int64]] = []
        for key in Set(input.map(\.key)) {
            let times = input.filter { $0.key == key }.map(\.time).sorted()
            var start = times[0]
            var last = times[0]
            var count: Int64 = 0
            for time in times {
                if time > last + 60 {
                    expected.append([key, start, last + 60, count])
                    (start, count) = (time, 0)
                }
                last = time
                count += 1
            }
            expected.append([key, start, last + 60, count])
        }
        #expect(sessions.values.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func windowAllCountsEverythingInOneSubtask() throws {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = 3
        let result = Collected<Int64>()
        environment.fromCollection(KeyedProcessTests.events(5_000, seed: 1), parallelism: 2)
            .assignTimestampsAndWatermarks(WatermarkStrategy.boundedOutOfOrderness(millis: 600).withTimestampAssigner { e, _ in e.time })
            .windowAll(TumblingWindows.eventTime(sizeMillis: 1_000_000))
            .aggregate(CountEvents())
            .collect(into: result)
        try environment.execute("window-all")
        #expect(result.values == [5_000])
    }
}
