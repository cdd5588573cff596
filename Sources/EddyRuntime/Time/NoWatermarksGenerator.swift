/// A generator that emits nothing, for processing-time jobs (Flink's `NoWatermarksGenerator`).
/// Event time then advances only at the end of input, when the assigner emits
/// ``Watermark/endOfTime``.
public final class NoWatermarksGenerator<Element>: WatermarkGenerator {
    public init() {}
    public func onEvent(_ element: Element, timestamp: Int64, output: WatermarkOutput) {}
    public func onPeriodicEmit(nowMillis: Int64, output: WatermarkOutput) {}
}
