/// Where a ``WatermarkGenerator`` emits: forwards watermarks that advance and status changes, as
/// Flink's `WatermarkToDataOutput`.
///
/// - Watermarks at or below the last one emitted are dropped, so what goes downstream strictly
///   increases.
/// - A watermark emitted while idle marks the output active first.
/// - ``markIdle()`` and ``markActive()`` forward only actual changes.
///
/// Thread-safety: used by the task thread only.
public final class WatermarkOutput {
    /// The last watermark sent downstream; ``Watermark/beginningOfTime`` before the first.
    public private(set) var currentWatermark: Watermark = .beginningOfTime
    /// Whether the last status sent downstream is idle (outputs start active).
    public private(set) var isIdle = false

    private let watermarkSink: (Watermark) throws -> Void
    private let statusSink: (StreamStatus) throws -> Void

    /// An output that calls `watermark` and `streamStatus` with what passes.
    public init(
        watermark: @escaping (Watermark) throws -> Void, streamStatus: @escaping (StreamStatus) throws -> Void
    ) {
        watermarkSink = watermark
        statusSink = streamStatus
    }

    /// An output onto the watermark and status closures of `output`.
    public convenience init<T>(_ output: Output<T>) {
        self.init(watermark: output.watermark, streamStatus: output.streamStatus)
    }

    /// Sends `watermark` downstream if it is above the last one, marking the output active first.
    /// - Throws: what the downstream closures throw.
    public func emitWatermark(_ watermark: Watermark) throws {
        guard watermark > currentWatermark else { return }
        currentWatermark = watermark
        if isIdle { try markActive() }
        try watermarkSink(watermark)
    }

    /// Marks the input idle: downstream stops waiting for its watermark. No-op when already idle.
    public func markIdle() throws {
        guard !isIdle else { return }
        isIdle = true
        try statusSink(.idle)
    }

    /// Marks the input active again. No-op when already active.
    public func markActive() throws {
        guard isIdle else { return }
        isIdle = false
        try statusSink(.active)
    }
}
