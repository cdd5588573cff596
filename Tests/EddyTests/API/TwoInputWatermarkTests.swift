@testable import Eddy
import EddyRuntime
import Foundation
import Testing

@Suite struct TwoInputWatermarkTests {
    /// Records what reaches the downstream output of a ``TwoInputProgress``.
    final class Downstream {
        var watermarks: [Int64] = []
        var statuses: [StreamStatus] = []
        var output: Output<Int> {
            Output(record: { _, _ in }, watermark: { self.watermarks.append($0.timestamp) }, streamStatus: { self.statuses.append($0) })
        }
    }

    @Test func theCombinedWatermarkIsTheMinimumOfBothInputsAndOnlyAdvances() throws {
        let downstream = Downstream()
        let progress = TwoInputProgress(downstream: downstream.output)
        let first: Output<Int> = progress.input(0) { _, _ in }
        let second: Output<String> = progress.input(1) { _, _ in }
        try first.watermark(Watermark(100))
        #expect(downstream.watermarks.isEmpty, "input 1 has not advanced: the minimum is still the beginning of time")
        #expect(progress.currentWatermark == .beginningOfTime)
        try second.watermark(Watermark(50))
        try first.watermark(Watermark(300))  // input 1 still holds it at 50
        try second.watermark(Watermark(200))
        try second.watermark(Watermark(400))  // now input 0 (300) holds it
        try first.watermark(Watermark(250))  // a watermark that goes back is ignored
        #expect(downstream.watermarks == [50, 200, 300])
        #expect(progress.currentWatermark == Watermark(300))
    }

    @Test func anEndedInputNoLongerHoldsTheWatermarkBack() throws {
        let downstream = Downstream()
        let progress = TwoInputProgress(downstream: downstream.output)
        let first: Output<Int> = progress.input(0) { _, _ in }
        let second: Output<Int> = progress.input(1) { _, _ in }
        try first.watermark(Watermark(10))
        try second.watermark(Watermark(20))
        // Input 0 ends as a gate reports it: the final watermark, then idle.
        try first.watermark(.endOfTime)
        try first.streamStatus(.idle)
        try second.watermark(Watermark(30))
        #expect(downstream.watermarks == [10, 20, 30])
        try second.watermark(.endOfTime)
        try second.streamStatus(.idle)
        #expect(downstream.watermarks.last == Int64.max)
        #expect(downstream.statuses == [.idle])
    }

    /// Records the operator's watermark at every element it processes.
    final class WatermarkRecorder: CoProcessFunction {
        let processed = SharedCount()
        private let lock = NSLock()
        private var _seen: [String: Int64] = [:]
        var seen: [String: Int64] { lock.withLock { _seen } }

        private func record(_ name: String, _ context: CoProcessContext<String>) throws {
            lock.withLock { _seen[name] = context.currentWatermark.timestamp }
            processed.increment()
            try context.collect(name)
        }
        func processElement1(_ value: String, context: CoProcessContext<String>) throws { try record(value, context) }
        func processElement2(_ value: String, context: CoProcessContext<String>) throws { try record(value, context) }
    }

    /// Each source waits until the other's last element was processed, so every element sees a
    /// known pair of input watermarks; the function must see their minimum.
    @Test func aCoProcessFunctionSeesTheMinimumOfItsInputsWatermarks() throws {
        let environment = StreamExecutionEnvironment()
        environment.bufferTimeoutMillis = 2
        let recorder = WatermarkRecorder()
        let processed = recorder.processed
        let a = environment.scripted("a", [
            .watermark(100), .record("a1", 150),
            .wait { processed.value >= 2 }, .watermark(300), .record("a2", 350),
            .wait { processed.value >= 4 },  // then ends: final watermark, then idle
        ])
        let b = environment.scripted("b", [
            .wait { processed.value >= 1 }, .watermark(50), .record("b1", 60),
            .wait { processed.value >= 3 }, .watermark(200), .record("b2", 210),
            .wait { processed.value >= 4 }, .watermark(250), .record("b3", 260),
        ])
        let result = Collected<String>()
        a.connect(b).process(recorder).collect(into: result)
        try environment.execute("watermarks")
        #expect(recorder.seen["a1"] == Int64.min, "b has no watermark yet")
        #expect(recorder.seen["b1"] == 50)
        #expect(recorder.seen["a2"] == 50, "a is at 300, b holds it at 50")
        #expect(recorder.seen["b2"] == 200)
        // b3: whether a is still at 300 or has ended (end of time, then idle), b's 250 is the minimum.
        #expect(recorder.seen["b3"] == 250)
        #expect(result.values.sorted() == ["a1", "a2", "b1", "b2", "b3"])
    }
}
