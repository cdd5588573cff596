import Eddy
import EddyCore
import EddyRuntime
import EddyState
import EddyTesting
import EddyWindowing
import Testing

/// Merging windows: sessions grow, bridge and merge their state, triggers and timers.
@Suite struct SessionWindowTests {
    func describe(_ harness: OneInputHarness<Reading, String>) -> [String] { harness.takeRecords().map(\.value) }

    @Test(arguments: [StateBackendKind.heap, .rocksdb])
    func sessionsGrowWithEachElementWithinTheGap(_ backend: StateBackendKind) throws {
        let harness = try windowHarness(backend: backend) {
            $0.window(SessionWindows.eventTime(gapMillis: 10)).process { DescribeWindow() }
        }
        for t: Int64 in [0, 5, 12, 40] { try harness.processElement(Reading(key: 1, value: t), timestamp: t) }
        try harness.processElement(Reading(key: 2, value: 100), timestamp: 3)
        try harness.processWatermark(20)
        #expect(describe(harness) == ["2 TimeWindow[3, 13) [100]"])
        try harness.processWatermark(21)
        #expect(describe(harness) == ["1 TimeWindow[0, 22) [0, 5, 12]"])
        try harness.endInput()
        #expect(describe(harness) == ["1 TimeWindow[40, 50) [40]"])
    }

    @Test func anElementBetweenTwoSessionsBridgesThem() throws {
        let harness = try windowHarness { $0.window(SessionWindows.eventTime(gapMillis: 10)).reduce(sum) }
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 0)
        try harness.processElement(Reading(key: 1, value: 2), timestamp: 20)
        try harness.processElement(Reading(key: 1, value: 4), timestamp: 10)
        // The timers of [0, 10) and [20, 30) were deleted by the merge.
        try harness.processWatermark(28)
        #expect(harness.records.isEmpty)
        try harness.processWatermark(29)
        #expect(harness.takeRecords().map { "\($0.value.value)@\($0.timestamp!)" } == ["7@29"])
        try harness.endInput()
        #expect(harness.records.isEmpty)
    }

    @Test func aLateElementMergesIntoAFiredSessionWithinTheLateness() throws {
        let harness = try windowHarness {
            $0.window(SessionWindows.eventTime(gapMillis: 10)).allowedLateness(millis: 100).aggregate(CountAndSum())
        }
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 0)
        try harness.processWatermark(9)
        #expect(harness.takeRecords().map(\.value) == [[1, 1]])
        try harness.processElement(Reading(key: 1, value: 2), timestamp: 5)
        try harness.processWatermark(14)
        #expect(harness.takeRecords().map { "\($0.value)@\($0.timestamp!)" } == ["[2, 3]@14"])
    }

    @Test func dynamicGapsComeFromEachElement() throws {
        let harness = try windowHarness {
            $0.window(DynamicSessionWindows.eventTime { $0.value }).process { DescribeWindow() }
        }
        try harness.processElement(Reading(key: 1, value: 5), timestamp: 0)  // [0, 5)
        try harness.processElement(Reading(key: 1, value: 30), timestamp: 6)  // [6, 36): no merge
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 35)  // [35, 36): merges
        try harness.endInput()
        #expect(describe(harness) == ["1 TimeWindow[0, 5) [5]", "1 TimeWindow[6, 36) [30, 1]"])
    }

    @Test func countTriggersMergeTheirCountsWithTheSessions() throws {
        let harness = try windowHarness {
            $0.window(SessionWindows.eventTime(gapMillis: 10)).trigger(CountTrigger(3)).process { DescribeWindow() }
        }
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 0)
        try harness.processElement(Reading(key: 1, value: 2), timestamp: 20)
        #expect(harness.records.isEmpty)
        try harness.processElement(Reading(key: 1, value: 3), timestamp: 10)
        #expect(describe(harness) == ["1 TimeWindow[0, 30) [1, 2, 3]"])
    }

    @Test func processingTimeSessions() throws {
        let clock = ManualStateClock(startMillis: 1_000)
        let harness = try windowHarness(clock: clock) { $0.window(SessionWindows.processingTime(gapMillis: 100)).reduce(sum) }
        try harness.processElement(Reading(key: 1, value: 1))
        clock.set(1_050)
        try harness.processElement(Reading(key: 1, value: 2))
        try harness.advanceProcessingTime(to: 1_148)
        #expect(harness.records.isEmpty)
        try harness.advanceProcessingTime(to: 1_149)
        #expect(harness.takeRecords().map { "\($0.value.value)@\($0.timestamp!)" } == ["3@1149"])
    }

    @Test func manyKeysAndRandomOrderMatchAReference() throws {
        var random = SplitMix64(seed: 11)
        let gap: Int64 = 50
        var events: [(Int64, Int64)] = []  // (key, time)
        for i in 0..<3_000 { events.append((Int64(random.nextInt(below: 20)), Int64(i) * 3 - Int64(random.nextInt(below: 40)))) }
        let harness = try windowHarness { $0.window(SessionWindows.eventTime(gapMillis: gap)).aggregate(CountAndSum()) }
        // The watermark trails by 40 ms, so nothing is late.
        for (index, (key, time)) in events.enumerated() {
            try harness.processElement(Reading(key: key, value: time), timestamp: time)
            if index % 50 == 0 { try harness.processWatermark(Int64(index) * 3 - 41) }
        }
        try harness.endInput()
        // Reference: per key, sort times and cut where the gap is reached.
        var expected: [String] = []
        for key in Set(events.map(\.0)) {
            let times = events.filter { $0.0 == key }.map(\.1).sorted()
            var session: [Int64] = []
            for time in times {
                if let last = session.last, time > last + gap {  // touching windows merge
                    expected.append("\(session.count),\(session.reduce(0, +))@\(last + gap - 1)")
                    session = []
                }
                session.append(time)
            }
            expected.append("\(session.count),\(session.reduce(0, +))@\(session.last! + gap - 1)")
        }
        let actual = harness.takeRecords().map { "\($0.value[0]),\($0.value[1])@\($0.timestamp!)" }
        #expect(actual.sorted() == expected.sorted())
    }
}
