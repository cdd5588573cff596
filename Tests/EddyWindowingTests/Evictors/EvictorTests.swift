import Eddy
import EddyRuntime
import EddyTesting
import EddyWindowing
import Testing

@Suite struct EvictorTests {
    func described(_ harness: OneInputHarness<Reading, String>) -> [String] { harness.takeRecords().map(\.value) }

    @Test func countEvictorsKeepTheLatestBeforeTheFunction() throws {
        let harness = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).evictor(CountEvictor(2)).process { DescribeWindow() }
        }
        for t in Int64(0)..<5 { try harness.processElement(Reading(key: 1, value: t), timestamp: t) }
        try harness.endInput()
        #expect(described(harness) == ["1 TimeWindow[0, 10) [3, 4]"])
    }

    @Test func evictingAfterTheFunctionShowsEverythingOnceThenKeepsTheRest() throws {
        let harness = try windowHarness {
            $0.window(GlobalWindows()).trigger(CountTrigger(3)).evictor(CountEvictor(1, afterFunction: true)).process { DescribeWindow() }
        }
        for value in Int64(1)...6 { try harness.processElement(Reading(key: 1, value: value)) }
        #expect(described(harness) == ["1 GlobalWindow [1, 2, 3]", "1 GlobalWindow [3, 4, 5, 6]"])
    }

    @Test func timeEvictorsKeepWhatIsWithinTheSizeOfTheNewest() throws {
        let harness = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 100)).evictor(TimeEvictor(windowSizeMillis: 4)).process { DescribeWindow() }
        }
        for t: Int64 in [0, 5, 8, 4] { try harness.processElement(Reading(key: 1, value: t), timestamp: t) }
        try harness.endInput()
        #expect(described(harness) == ["1 TimeWindow[0, 100) [5, 8]"])
    }

    @Test func deltaEvictorsDropWhatIsTooFarFromTheNewest() throws {
        let harness = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 100))
                .evictor(DeltaEvictor(threshold: 10) { Double(abs($0.value - $1.value)) }).process { DescribeWindow() }
        }
        for value: Int64 in [1, 50, 45, 7, 52] { try harness.processElement(Reading(key: 1, value: value), timestamp: 1) }
        try harness.endInput()
        #expect(described(harness) == ["1 TimeWindow[0, 100) [50, 45, 52]"])
    }

    @Test func reduceAndAggregateRunOverWhatTheEvictorLeft() throws {
        let reduced = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).evictor(CountEvictor(2)).reduce(sum)
        }
        let aggregated = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 10)).evictor(CountEvictor(2)).aggregate(CountAndSum())
        }
        for t in Int64(0)..<5 {
            try reduced.processElement(Reading(key: 1, value: t), timestamp: t)
            try aggregated.processElement(Reading(key: 1, value: t), timestamp: t)
        }
        try reduced.endInput()
        try aggregated.endInput()
        #expect(reduced.takeRecords().map(\.value.value) == [7])
        #expect(aggregated.takeRecords().map(\.value) == [[2, 7]])
    }
}
