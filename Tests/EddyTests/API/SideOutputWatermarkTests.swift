import EddyCore
import EddyRuntime
import Foundation
import Testing

@testable import Eddy

/// Event time on side outputs: an operator fed by a side output must see the producer's
/// watermarks (as in Flink, where watermarks go to every output), or event-time operators
/// after it would never fire.
@Suite struct SideOutputWatermarkTests {
    @Test(arguments: [1, 2])
    func watermarksReachTheConsumersOfASideOutput(_ parallelism: Int) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("1,2,3\nbad\n4,5,6\n", to: "clicks.csv")
        let environment = StreamExecutionEnvironment()
        let clicks = environment.readClicks([path, path], parallelism: parallelism)
        let mainWatermarks = Collected<Int64>()
        let sideWatermarks = Collected<Int64>()
        let letters = CollectedResults<DeadLetter>()
        clicks.recordingWatermarks(into: mainWatermarks).collect(into: CollectedResults<Click>())
        clicks.sideOutput(DeadLetter.outputTag).recordingWatermarks(into: sideWatermarks).collect(into: letters)
        try environment.execute("side-watermarks")
        #expect(letters.values.count == 2)
        #expect(mainWatermarks.values.last == Watermark.endOfTime.timestamp)
        #expect(sideWatermarks.values.last == Watermark.endOfTime.timestamp)
    }
}

extension DataStream {
    /// Passes records on and appends every watermark the operator receives to `target`.
    func recordingWatermarks(into target: Collected<Int64>) -> DataStream<Element> {
        addOperator("watermarks") { context, output in
            let subtask = context.subtaskIndex
            return (Output<Element>(
                record: output.record,
                watermark: { watermark in
                    target.append(watermark.timestamp, nil, subtask)
                    try output.watermark(watermark)
                },
                streamStatus: output.streamStatus, latencyMarker: output.latencyMarker, sideOutput: output.sideOutput), [])
        }
    }
}
