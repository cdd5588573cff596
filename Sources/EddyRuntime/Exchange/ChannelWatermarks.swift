/// The combined watermark of a task input: the minimum over its channels, leaving out idle and
/// ended channels (Flink's `StatusWatermarkValve`). Reports a new watermark only when it advances,
/// and a status change only when the input as a whole turns idle or active.
struct ChannelWatermarks {
    private var watermarks: [Int64]
    private var idle: [Bool]
    private var ended: [Bool]
    private var emitted = Int64.min
    private var inputIdle = false

    init(channels: Int) {
        watermarks = Array(repeating: Int64.min, count: channels)
        idle = Array(repeating: false, count: channels)
        ended = Array(repeating: false, count: channels)
    }

    /// A watermark arrived on `channel`; returns the input's new watermark if it advanced.
    mutating func update(channel: Int, watermark: Watermark) -> Watermark? {
        if watermark.timestamp > watermarks[channel] { watermarks[channel] = watermark.timestamp }
        return advance()
    }

    /// A status arrived on `channel`; returns the input's status if it changed, and a watermark that
    /// advanced because an idle channel stopped holding it back.
    mutating func update(channel: Int, status: StreamStatus) -> (status: StreamStatus, watermark: Watermark?)? {
        idle[channel] = status == .idle
        let allIdle = idle.indices.allSatisfy { idle[$0] || ended[$0] }
        let watermark = advance()
        if allIdle != inputIdle {
            inputIdle = allIdle
            return (allIdle ? .idle : .active, watermark)
        }
        return watermark.map { (inputIdle ? .idle : .active, $0) }
    }

    /// `channel` ended; returns the input's new watermark if that let it advance.
    mutating func end(channel: Int) -> Watermark? {
        ended[channel] = true
        return advance()
    }

    private mutating func advance() -> Watermark? {
        var minimum = Int64.max
        var any = false
        for index in watermarks.indices where !idle[index] && !ended[index] {
            minimum = min(minimum, watermarks[index])
            any = true
        }
        guard any, minimum > emitted else { return nil }
        emitted = minimum
        return Watermark(minimum)
    }
}
