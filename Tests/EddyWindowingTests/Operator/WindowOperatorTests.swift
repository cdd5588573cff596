import Eddy
import EddyCore
import EddyRuntime
import EddyState
import EddyTesting
import EddyWindowing
import Testing

@Suite struct WindowOperatorTests {
    @Test(arguments: [StateBackendKind.heap, .rocksdb])
    func tumblingWindowsFireWhenTheWatermarkPassesTheirEnd(_ backend: StateBackendKind) throws {
        let harness = try windowHarness(backend: backend) {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).trigger(EventTimeTrigger()).reduce(sum)
        }
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 1)
        try harness.processElement(Reading(key: 2, value: 10), timestamp: 3)
        try harness.processElement(Reading(key: 1, value: 2), timestamp: 9)
        try harness.processElement(Reading(key: 1, value: 4), timestamp: 10)
        try harness.processWatermark(8)
        #expect(harness.records.isEmpty)
        try harness.processWatermark(9)
        #expect(Set(harness.takeRecords().map { "\($0.value)@\($0.timestamp!)" }) == ["1,3@9", "2,10@9"])
        try harness.endInput()
        #expect(harness.takeRecords().map { "\($0.value)@\($0.timestamp!)" } == ["1,4@19"])
        #expect(harness.watermarks.map(\.timestamp) == [8, 9, Int64.max])
    }

    @Test func lateElementsWithinTheLatenessRefireBeyondItGoToTheSideOutput() throws {
        let late = OutputTag<Reading>("late")
        let harness = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).trigger(EventTimeTrigger())
                .allowedLateness(millis: 5).sideOutputLateData(late).reduce(sum)
        }
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 2)
        try harness.processWatermark(10)
        #expect(harness.takeRecords().map(\.value.value) == [1])
        // Late, but within 5 ms of lateness: the window fires again with the new element.
        try harness.processElement(Reading(key: 1, value: 2), timestamp: 5)
        #expect(harness.takeRecords().map(\.value.value) == [3])
        // The cleanup timer at 9 + 5 drops the window; later elements for it are side output.
        try harness.processWatermark(14)
        try harness.processElement(Reading(key: 1, value: 4), timestamp: 6)
        #expect(harness.records.isEmpty)
        #expect((harness.sideOutputs["late"] as? [Reading]) == [Reading(key: 1, value: 4)])
    }

    @Test func lateElementsWithoutASideOutputAreCounted() throws {
        let harness = try windowHarness { $0.window(TumblingWindows.eventTime(sizeMillis: 10)).reduce(sum) }
        try harness.processWatermark(100)
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 50)
        #expect(harness.records.isEmpty)
        #expect(harness.sideOutputs.isEmpty)
    }

    @Test func slidingWindowsEmitOnePerSlide() throws {
        let harness = try windowHarness {
            $0.window(SlidingWindows.eventTime(sizeMillis: 20, slideMillis: 10)).trigger(EventTimeTrigger()).reduce(sum)
        }
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 5)
        try harness.processElement(Reading(key: 1, value: 2), timestamp: 15)
        try harness.endInput()
        #expect(harness.takeRecords().map { "\($0.value.value)@\($0.timestamp!)" } == ["1@9", "3@19", "2@29"])
    }

    @Test func aggregateAndProcessFunctions() throws {
        let aggregated = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).trigger(EventTimeTrigger()).aggregate(CountAndSum())
        }
        for t in Int64(0)..<4 { try aggregated.processElement(Reading(key: 1, value: t), timestamp: t) }
        try aggregated.endInput()
        #expect(aggregated.takeRecords().map(\.value) == [[4, 6]])

        let processed = try windowHarness { $0.window(TumblingWindows.eventTime(sizeMillis: 10)).process { DescribeWindow() } }
        for t in Int64(0)..<3 { try processed.processElement(Reading(key: 7, value: t * 10), timestamp: t) }
        try processed.endInput()
        #expect(processed.takeRecords().map(\.value) == ["7 TimeWindow[0, 10) [0, 10, 20]"])
    }

    @Test func reduceAndAggregateThenProcessSeeOneValue() throws {
        let reduced = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).reduce(sum, process: { DescribeWindow() })
        }
        for t in Int64(0)..<3 { try reduced.processElement(Reading(key: 2, value: t), timestamp: t) }
        try reduced.endInput()
        #expect(reduced.takeRecords().map(\.value) == ["2 TimeWindow[0, 10) [3]"])

        final class Average: ProcessWindowFunction {
            func process(_ key: Int64, elements: [[Int64]], context: ProcessWindowContext<Int64, TimeWindow, Double>) throws {
                try context.collect(Double(elements[0][1]) / Double(elements[0][0]))
            }
        }
        let averaged = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).aggregate(CountAndSum(), process: { Average() })
        }
        for t in Int64(0)..<4 { try averaged.processElement(Reading(key: 2, value: t), timestamp: t) }
        try averaged.endInput()
        #expect(averaged.takeRecords().map(\.value) == [1.5])
    }

    @Test func processingTimeWindowsFireFromTheClock() throws {
        let clock = ManualStateClock(startMillis: 1_000)
        let harness = try windowHarness(clock: clock) { $0.window(TumblingWindows.processingTime(sizeMillis: 100)).reduce(sum) }
        try harness.processElement(Reading(key: 1, value: 1))
        clock.set(1_050)
        try harness.processElement(Reading(key: 1, value: 2))
        try harness.advanceProcessingTime(to: 1_098)
        #expect(harness.records.isEmpty)
        try harness.advanceProcessingTime(to: 1_099)
        #expect(harness.takeRecords().map { "\($0.value.value)@\($0.timestamp!)" } == ["3@1099"])
        try harness.processElement(Reading(key: 1, value: 4))
        try harness.advanceProcessingTime(to: 1_199)
        #expect(harness.takeRecords().map(\.value.value) == [4])
    }

    @Test func windowStateAndGlobalStateOfProcessFunctions() throws {
        /// Counts firings per window (window state, cleared with the window) and per key (global).
        final class CountFirings: ProcessWindowFunction {
            static let perWindow = ValueStateDescriptor(name: "per-window", serializer: IntegerSerializer<Int64>())
            static let perKey = ValueStateDescriptor(name: "per-key", serializer: IntegerSerializer<Int64>())
            func process(_ key: Int64, elements: [Reading], context: ProcessWindowContext<Int64, TimeWindow, [Int64]>) throws {
                let window = try context.windowState(Self.perWindow)
                let global = try context.globalState(Self.perKey)
                try window.update((try window.value() ?? 0) + 1)
                try global.update((try global.value() ?? 0) + 1)
                try context.collect([context.window.start, try window.value()!, try global.value()!, Int64(elements.count)])
            }
            func clear(_ key: Int64, context: ProcessWindowContext<Int64, TimeWindow, [Int64]>) throws {
                try context.windowState(Self.perWindow).clear()
            }
        }
        let harness = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).allowedLateness(millis: 100).process { CountFirings() }
        }
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 1)
        try harness.processWatermark(9)
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 2)  // late: fires again
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 12)
        try harness.processWatermark(19)
        #expect(harness.takeRecords().map(\.value) == [[0, 1, 1, 1], [0, 2, 2, 2], [10, 1, 3, 1]])
    }

    @Test func windowAllRunsOneWindowForAllKeys() throws {
        let harness = try OneInputHarness<Reading, Reading>(parallelism: 1) {
            $0.windowAll(TumblingWindows.eventTime(sizeMillis: 10)).trigger(EventTimeTrigger()).reduce { Reading(key: 0, value: $0.value + $1.value) }
        }
        for key in Int64(0)..<5 { try harness.processElement(Reading(key: key, value: key), timestamp: key) }
        try harness.endInput()
        #expect(harness.takeRecords().map(\.value.value) == [10])
    }
}
