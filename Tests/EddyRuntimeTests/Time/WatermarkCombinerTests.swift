import Testing
@testable import EddyRuntime

@Suite struct WatermarkCombinerTests {
    typealias Emission = WatermarkCombiner.Emission

    @Test func combinedWatermarkIsTheMinimumAndReportedOnlyWhenItAdvances() {
        var combiner = WatermarkCombiner(inputCount: 3)
        #expect(combiner.update(input: 0, watermark: Watermark(10)) == nil)
        #expect(combiner.update(input: 1, watermark: Watermark(5)) == nil)
        #expect(combiner.update(input: 2, watermark: Watermark(7)) == Watermark(5))
        #expect(combiner.update(input: 1, watermark: Watermark(20)) == Watermark(7))
        #expect(combiner.update(input: 1, watermark: Watermark(15)) == nil)  // an input never goes back
        #expect(combiner.update(input: 0, watermark: Watermark(12)) == nil)  // input 2 still holds at 7
        #expect(combiner.combinedWatermark == Watermark(7))
    }

    @Test func idleInputsAreExcludedAndRejoinOnceCaughtUp() {
        var combiner = WatermarkCombiner(inputCount: 3)
        _ = combiner.update(input: 0, watermark: Watermark(10))
        _ = combiner.update(input: 1, watermark: Watermark(20))
        #expect(combiner.update(input: 2, watermark: Watermark(7)) == Watermark(7))
        // Input 2 held the minimum: going idle releases it.
        #expect(combiner.updateStatus(input: 2, status: .idle) == Emission(watermark: Watermark(10)))
        #expect(combiner.updateStatus(input: 2, status: .idle) == Emission())
        #expect(combiner.update(input: 2, watermark: Watermark(100)) == nil)  // ignored while idle
        #expect(combiner.watermark(ofInput: 2) == Watermark(7))
        // Back, but behind: left out until it reaches the combined watermark.
        #expect(combiner.updateStatus(input: 2, status: .active) == Emission())
        #expect(combiner.update(input: 0, watermark: Watermark(30)) == Watermark(20))
        #expect(combiner.update(input: 2, watermark: Watermark(15)) == nil)
        #expect(combiner.update(input: 2, watermark: Watermark(25)) == nil)  // aligned now; minimum still 20
        #expect(combiner.update(input: 1, watermark: Watermark(40)) == Watermark(25))
    }

    @Test func allIdleFlushesTheMaximumAndEmitsIdleThenActive() {
        var combiner = WatermarkCombiner(inputCount: 2)
        _ = combiner.update(input: 0, watermark: Watermark(10))
        #expect(combiner.update(input: 1, watermark: Watermark(20)) == Watermark(10))
        #expect(combiner.updateStatus(input: 1, status: .idle) == Emission())  // did not hold the minimum
        #expect(combiner.updateStatus(input: 0, status: .idle) == Emission(watermark: Watermark(20), status: .idle))
        #expect(combiner.status == .idle)
        #expect(combiner.update(input: 0, watermark: Watermark(50)) == nil)
        #expect(combiner.updateStatus(input: 1, status: .active) == Emission(status: .active))
        #expect(combiner.updateStatus(input: 0, status: .active) == Emission())
        // Input 0, at 10, is behind the flushed 20 and left out until it catches up.
        #expect(combiner.update(input: 1, watermark: Watermark(30)) == Watermark(30))
        #expect(combiner.update(input: 0, watermark: Watermark(25)) == nil)
        #expect(combiner.update(input: 0, watermark: Watermark(35)) == nil)  // aligned; minimum 30
        #expect(combiner.update(input: 1, watermark: Watermark(40)) == Watermark(35))
    }

    @Test func allIdleWithoutAnyWatermarkEmitsOnlyTheStatus() {
        var combiner = WatermarkCombiner(inputCount: 2)
        #expect(combiner.updateStatus(input: 0, status: .idle) == Emission())
        #expect(combiner.updateStatus(input: 1, status: .idle) == Emission(status: .idle))
    }

    @Test func aSingleInputPassesItsWatermarksThrough() {
        var combiner = WatermarkCombiner(inputCount: 1)
        #expect(combiner.update(input: 0, watermark: Watermark(3)) == Watermark(3))
        #expect(combiner.update(input: 0, watermark: .endOfTime) == .endOfTime)
    }
}
