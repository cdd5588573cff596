import EddyRuntime

/// Event-time progress of a two-input operator: input 0 and input 1 each report the watermark and
/// status their input gate combined over its channels; the operator's own watermark is the minimum
/// of the two (idle inputs left out), sent downstream only when it advances.
///
/// Built on ``WatermarkCombiner`` with two inputs, so idleness, realignment and the jump when the
/// last active input turns idle behave exactly as they do between the channels of one gate.
///
/// Thread-safety: confined to the operator's task thread, as its ``Output``s are.
final class TwoInputProgress<Downstream> {
    private var combiner = WatermarkCombiner(inputCount: 2)
    private let downstream: Output<Downstream>

    init(downstream: Output<Downstream>) {
        self.downstream = downstream
    }

    /// The operator's current watermark: the last combined one sent downstream
    /// (``Watermark/beginningOfTime`` until both inputs have advanced).
    var currentWatermark: Watermark { combiner.combinedWatermark }

    /// Records a watermark from `input` (0 or 1) and forwards the combined one if it advanced.
    func watermark(_ watermark: Watermark, input: Int) throws {
        if let advanced = combiner.update(input: input, watermark: watermark) { try downstream.watermark(advanced) }
    }

    /// Records a status change of `input`; forwards the watermark and status it causes, in order.
    func streamStatus(_ status: StreamStatus, input: Int) throws {
        let emission = combiner.updateStatus(input: input, status: status)
        if let watermark = emission.watermark { try downstream.watermark(watermark) }
        if let status = emission.status { try downstream.streamStatus(status) }
    }

    /// The output that feeds input `index` of the operator: records go to `record`, watermarks and
    /// statuses through this combiner; latency markers and side outputs pass straight through.
    /// The output holds this object strongly (it holds no output back, so there is no cycle).
    func input<T>(_ index: Int, record: @escaping (T, Int64?) throws -> Void) -> Output<T> {
        precondition(index == 0 || index == 1, "a two-input operator has inputs 0 and 1, not \(index)")
        return Output<T>(
            record: record,
            watermark: { try self.watermark($0, input: index) },
            streamStatus: { try self.streamStatus($0, input: index) },
            latencyMarker: downstream.latencyMarker, sideOutput: downstream.sideOutput)
    }
}
