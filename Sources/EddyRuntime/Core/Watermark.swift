/// Event-time progress: no element with a timestamp at or below `timestamp` (milliseconds) is
/// expected any more. `Watermark.endOfTime` ends event time when a bounded input finishes.
public struct Watermark: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var timestamp: Int64
    public init(_ timestamp: Int64) { self.timestamp = timestamp }
    public static let endOfTime = Watermark(Int64.max)
    public static let beginningOfTime = Watermark(Int64.min)
    public static func < (a: Watermark, b: Watermark) -> Bool { a.timestamp < b.timestamp }
    public var description: String { "Watermark(\(timestamp))" }
}

/// Whether an input currently produces data. An idle input does not hold back the watermark of the
/// tasks it feeds (Flink's `WatermarkStatus`).
public enum StreamStatus: UInt8, Sendable, Hashable {
    case active = 0
    case idle = 1
}

/// A marker a source emits periodically and sinks measure, for end-to-end latency metrics.
public struct LatencyMarker: Hashable, Sendable {
    /// Processing time (ms) when the source emitted it.
    public var markedTime: Int64
    public var sourceOperator: UInt32
    public var subtask: UInt32
    public init(markedTime: Int64, sourceOperator: UInt32, subtask: UInt32) {
        self.markedTime = markedTime
        self.sourceOperator = sourceOperator
        self.subtask = subtask
    }
}
