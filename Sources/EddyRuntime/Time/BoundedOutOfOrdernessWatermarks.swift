/// A periodic generator for events at most `outOfOrdernessMillis` out of order, as Flink's
/// `BoundedOutOfOrdernessWatermarks`: the watermark is the largest timestamp seen minus the bound
/// minus 1 (a watermark `t` promises no more elements at or below `t`, so an element exactly
/// `bound` behind the maximum is still on time). With a bound of 0 it is Flink's
/// `AscendingTimestampsWatermarks` (``WatermarkStrategy/monotonousTimestamps()``).
///
/// Before any event it emits ``Watermark/beginningOfTime``, which ``WatermarkOutput`` drops.
///
/// Thread-safety: task thread only.
public final class BoundedOutOfOrdernessWatermarks<Element>: WatermarkGenerator {
    public let outOfOrdernessMillis: Int64
    /// The largest timestamp seen; starts where the emitted watermark is `Int64.min`.
    public private(set) var maxTimestamp: Int64

    /// - Precondition: `outOfOrdernessMillis >= 0`.
    public init(outOfOrdernessMillis: Int64) {
        precondition(outOfOrdernessMillis >= 0, "out-of-orderness \(outOfOrdernessMillis) ms is negative")
        self.outOfOrdernessMillis = outOfOrdernessMillis
        // Int64.min + bound + 1 - bound - 1 == Int64.min; no step overflows for any bound >= 0.
        maxTimestamp = Int64.min + outOfOrdernessMillis + 1
    }

    public func onEvent(_ element: Element, timestamp: Int64, output: WatermarkOutput) {
        if timestamp > maxTimestamp { maxTimestamp = timestamp }
    }

    public func onPeriodicEmit(nowMillis: Int64, output: WatermarkOutput) throws {
        try output.emitWatermark(Watermark(maxTimestamp - outOfOrdernessMillis - 1))
    }
}
