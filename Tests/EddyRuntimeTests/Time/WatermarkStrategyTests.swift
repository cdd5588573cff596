import Testing
@testable import EddyRuntime

@Suite struct WatermarkStrategyTests {
    /// Feeds `timestamps` to a generator of `strategy`, with a periodic emit after each.
    func watermarks(_ strategy: WatermarkStrategy<Int>, _ timestamps: [Int64]) throws -> [Int64] {
        let recorder = WatermarkRecorder<Int>()
        let output = WatermarkOutput(recorder.output)
        let generator = strategy.makeGenerator()
        try generator.onPeriodicEmit(nowMillis: 0, output: output)
        for (index, timestamp) in timestamps.enumerated() {
            try generator.onEvent(index, timestamp: timestamp, output: output)
            try generator.onPeriodicEmit(nowMillis: Int64(index + 1), output: output)
        }
        return recorder.watermarks
    }

    @Test func boundedOutOfOrdernessIsMaxSeenMinusBoundMinusOne() throws {
        // Disorder within and beyond the bound: 3 and 12 arrive after larger timestamps.
        let strategy = WatermarkStrategy<Int>.boundedOutOfOrderness(millis: 5)
        #expect(try watermarks(strategy, [10, 3, 17, 12, 16, 30]) == [4, 11, 24])
    }

    @Test func boundedOutOfOrdernessEmitsNothingBeforeTheFirstEvent() throws {
        #expect(try watermarks(.boundedOutOfOrderness(millis: 1_000), []) == [])
    }

    @Test func boundedOutOfOrdernessSurvivesExtremeTimestampsAndBounds() throws {
        #expect(try watermarks(.boundedOutOfOrderness(millis: Int64.max), [Int64.max, 0]) == [-1])
        #expect(try watermarks(.boundedOutOfOrderness(millis: 0), [Int64.min, Int64.min + 2]) == [Int64.min + 1])
    }

    @Test func monotonousTimestampsTrailByOne() throws {
        #expect(try watermarks(.monotonousTimestamps(), [1, 2, 2, 5, 9]) == [0, 1, 4, 8])
    }

    @Test func noWatermarksEmitsNone() throws {
        #expect(try watermarks(.noWatermarks(), [1, 2, 3]) == [])
    }

    @Test func periodicIntervalDefaultsToFlinksAutoWatermarkInterval() {
        var strategy = WatermarkStrategy<Int>.monotonousTimestamps()
        #expect(strategy.periodicEmitIntervalMillis == 200)
        strategy.periodicEmitIntervalMillis = 50
        #expect(strategy.withIdleness(millis: 10).periodicEmitIntervalMillis == 50)
    }

    @Test func outputForwardsOnlyIncreasingWatermarks() throws {
        let recorder = WatermarkRecorder<Int>()
        let output = WatermarkOutput(recorder.output)
        for timestamp: Int64 in [5, 5, 3, 6, Int64.min, 6, 7] { try output.emitWatermark(Watermark(timestamp)) }
        #expect(recorder.watermarks == [5, 6, 7])
        #expect(output.currentWatermark == Watermark(7))
    }

    @Test func outputMarksActiveBeforeAWatermarkWhenIdle() throws {
        let recorder = WatermarkRecorder<Int>()
        let output = WatermarkOutput(recorder.output)
        try output.markIdle()
        try output.markIdle()
        try output.emitWatermark(Watermark(1))
        try output.markActive()
        #expect(recorder.log == ["idle", "active", "watermark(1)"])
    }
}
