import EddyWindowing
import Testing

/// The windows an assigner gives one timestamp, in the order it gives them.
func windows<A: WindowAssigner>(_ assigner: A, _ element: A.Element, at timestamp: Int64?, now: Int64 = 0) throws -> [A.W] {
    var result: [A.W] = []
    try assigner.assignWindows(element, timestamp: timestamp, currentProcessingTime: now) { result.append($0) }
    return result
}

@Suite struct AssignerTests {
    @Test func tumblingWindowsFloorNegativeTimestampsAndHonourTheOffset() throws {
        let plain = TumblingWindows<Int>.eventTime(sizeMillis: 10)
        #expect(try windows(plain, 0, at: 0) == [TimeWindow(start: 0, end: 10)])
        #expect(try windows(plain, 0, at: 9) == [TimeWindow(start: 0, end: 10)])
        #expect(try windows(plain, 0, at: -1) == [TimeWindow(start: -10, end: 0)])
        let shifted = TumblingWindows<Int>.eventTime(sizeMillis: 10, offsetMillis: 3)
        #expect(try windows(shifted, 0, at: 2) == [TimeWindow(start: -7, end: 3)])
        #expect(try windows(shifted, 0, at: 3) == [TimeWindow(start: 3, end: 13)])
    }

    @Test func processingTimeAssignersUseTheClockNotTheTimestamp() throws {
        let tumbling = TumblingWindows<Int>.processingTime(sizeMillis: 100)
        #expect(try windows(tumbling, 0, at: nil, now: 250) == [TimeWindow(start: 200, end: 300)])
        #expect(!tumbling.isEventTime)
    }

    @Test func eventTimeWithoutATimestampIsAnError() {
        #expect(throws: WindowingError.self) { try windows(TumblingWindows<Int>.eventTime(sizeMillis: 10), 0, at: nil) }
    }

    @Test func slidingWindowsCoverEveryStartWithinTheSize() throws {
        let sliding = SlidingWindows<Int>.eventTime(sizeMillis: 30, slideMillis: 10)
        #expect(try windows(sliding, 0, at: 25) == [
            TimeWindow(start: 20, end: 50), TimeWindow(start: 10, end: 40), TimeWindow(start: 0, end: 30),
        ])
        // A size that is not a multiple of the slide: 25 / 10 puts an element in 2 or 3 windows.
        let uneven = SlidingWindows<Int>.eventTime(sizeMillis: 25, slideMillis: 10)
        #expect(try windows(uneven, 0, at: 14).map(\.start) == [10, 0, -10])
        #expect(try windows(uneven, 0, at: 15).map(\.start) == [10, 0])
        #expect(try windows(uneven, 0, at: 4).map(\.start) == [0, -10, -20])
    }

    @Test func cumulativeWindowsGrowFromTheStartOfTheirMaxWindow() throws {
        let cumulative = CumulativeWindows<Int>.eventTime(stepMillis: 10, maxSizeMillis: 40)
        #expect(try windows(cumulative, 0, at: 15) == [
            TimeWindow(start: 0, end: 20), TimeWindow(start: 0, end: 30), TimeWindow(start: 0, end: 40),
        ])
        #expect(try windows(cumulative, 0, at: 40) == (1...4).map { TimeWindow(start: 40, end: 40 + 10 * $0) })
    }

    @Test func sessionWindowsOpenAGapAfterEachElementAndMergeWhatTouches() throws {
        let sessions = SessionWindows<Int>.eventTime(gapMillis: 10)
        #expect(try windows(sessions, 0, at: 5) == [TimeWindow(start: 5, end: 15)])
        var inFlight = [TimeWindow(start: 20, end: 30), TimeWindow(start: 0, end: 10), TimeWindow(start: 10, end: 20),
                        TimeWindow(start: 50, end: 60), TimeWindow(start: 0, end: 10)]
        var merges: [([TimeWindow], TimeWindow)] = []
        sessions.mergeWindows(&inFlight) { merges.append((Array($0), $1)) }
        #expect(merges.count == 1)
        #expect(merges.first?.0 == [TimeWindow(start: 0, end: 10), TimeWindow(start: 10, end: 20), TimeWindow(start: 20, end: 30)])
        #expect(merges.first?.1 == TimeWindow(start: 0, end: 30))
    }

    @Test func dynamicGapsComeFromTheElementAndMustBePositive() throws {
        let sessions = DynamicSessionWindows<Int>.eventTime { Int64($0) }
        #expect(try windows(sessions, 7, at: 100) == [TimeWindow(start: 100, end: 107)])
        #expect(throws: WindowingError.self) { try windows(sessions, 0, at: 100) }
    }

    @Test func slicesOfAlignedAssigners() {
        let sliding = SlidingWindows<Int>.eventTime(sizeMillis: 3_600_000, slideMillis: 10_000).sliceLayout!
        #expect(sliding.sliceSize == 10_000)
        #expect(sliding.shape == .sliding(windowSlices: 360, slideSlices: 1))
        let uneven = SlidingWindows<Int>.eventTime(sizeMillis: 25, slideMillis: 10).sliceLayout!
        #expect(uneven.sliceSize == 5)
        #expect(TumblingWindows<Int>.processingTime(sizeMillis: 10).sliceLayout == nil)
        #expect(SessionWindows<Int>.eventTime(gapMillis: 10).sliceLayout == nil)
    }
}
