import Eddy
import EddyCore
import EddyRuntime
import EddyState
import EddyTesting
import EddyWindowing
import Testing

/// A trigger a program writes itself: fires on every negative value, and keeps in partitioned state
/// how many it has seen, which it reports by firing-and-purging at the third.
struct NegativeValueTrigger: Trigger {
    static let seen = ValueStateDescriptor(name: "negatives-seen", serializer: IntegerSerializer<Int64>())

    func onElement(_ element: Reading, timestamp: Int64?, window: GlobalWindow, context: TriggerContext<GlobalWindow>) throws -> TriggerResult {
        guard element.value < 0 else { return .continue }
        let seen = try context.partitionedState(Self.seen)
        let count = (try seen.value() ?? 0) + 1
        try seen.update(count)
        return count == 3 ? .fireAndPurge : .fire
    }

    func onEventTime(_ time: Int64, window: GlobalWindow, context: TriggerContext<GlobalWindow>) throws -> TriggerResult { .continue }
    func onProcessingTime(_ time: Int64, window: GlobalWindow, context: TriggerContext<GlobalWindow>) throws -> TriggerResult { .continue }
    func clear(window: GlobalWindow, context: TriggerContext<GlobalWindow>) throws { try context.partitionedState(Self.seen).clear() }
}

@Suite struct TriggerTests {
    func values(_ harness: OneInputHarness<Reading, Reading>) -> [Int64] { harness.takeRecords().map(\.value.value) }

    @Test func countWindowsEmitEveryNElementsAndStartAgain() throws {
        let harness = try windowHarness { $0.countWindow(3).reduce(sum) }
        for value in Int64(1)...7 { try harness.processElement(Reading(key: 1, value: value)) }
        try harness.processElement(Reading(key: 2, value: 100))
        try harness.endInput()
        #expect(values(harness) == [6, 15])
    }

    @Test func slidingCountWindowsEmitTheLastNEveryMElements() throws {
        let harness = try windowHarness { $0.countWindow(3, slide: 2).reduce(sum) }
        for value in Int64(1)...6 { try harness.processElement(Reading(key: 1, value: value)) }
        #expect(values(harness) == [3, 9, 15])  // 1+2, 2+3+4, 4+5+6
    }

    @Test func continuousEventTimeTriggersFireEarlyAndAtTheEnd() throws {
        let harness = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 100)).trigger(ContinuousEventTimeTrigger(intervalMillis: 30)).reduce(sum)
        }
        try harness.processElement(Reading(key: 1, value: 1), timestamp: 5)
        // The first firing is at the end of the 30 ms interval holding 5.
        try harness.processWatermark(29)
        #expect(values(harness).isEmpty)
        try harness.processWatermark(30)
        #expect(harness.takeRecords().map { "\($0.value.value)@\($0.timestamp!)" } == ["1@99"])
        try harness.processElement(Reading(key: 1, value: 2), timestamp: 40)
        try harness.processWatermark(59)
        #expect(values(harness).isEmpty)
        try harness.processWatermark(99)
        // At 60, at 90, and at the end (99): the interval timer due at min(120, 99) is the end's.
        #expect(values(harness) == [3, 3, 3])
        try harness.endInput()
        #expect(values(harness).isEmpty)
    }

    @Test func continuousProcessingTimeTriggersFireEveryInterval() throws {
        let clock = ManualStateClock(startMillis: 1_000)
        let harness = try windowHarness(clock: clock) {
            $0.window(GlobalWindows()).trigger(ContinuousProcessingTimeTrigger(intervalMillis: 100)).reduce(sum)
        }
        try harness.processElement(Reading(key: 1, value: 1))
        try harness.advanceProcessingTime(to: 1_099)
        #expect(values(harness).isEmpty)
        try harness.advanceProcessingTime(to: 1_100)
        #expect(values(harness) == [1])
        try harness.processElement(Reading(key: 1, value: 2))
        try harness.advanceProcessingTime(to: 1_200)
        #expect(values(harness) == [3])
    }

    @Test func purgingTriggersEmitOnlyWhatCameSinceTheLastFiring() throws {
        let harness = try windowHarness {
            $0.window(TumblingWindows.eventTime(sizeMillis: 100)).trigger(PurgingTrigger(CountTrigger(2))).reduce(sum)
        }
        for value in Int64(1)...5 { try harness.processElement(Reading(key: 1, value: value), timestamp: value) }
        try harness.endInput()
        #expect(values(harness) == [3, 7])
    }

    @Test func customTriggersKeepPartitionedStateAndPurge() throws {
        let harness = try windowHarness { $0.window(GlobalWindows()).trigger(NegativeValueTrigger()).reduce(sum) }
        for value: Int64 in [5, -1, 10, -2, 3, -4, 7, -8] { try harness.processElement(Reading(key: 1, value: value)) }
        // Fires at -1 (4), -2 (12), fires and purges at -4 (11); then -8 fires 7 - 8 (count 4: fire).
        #expect(values(harness) == [4, 12, 11, -1])
    }
}
