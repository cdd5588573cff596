/// A window of event or processing time `[start, end)` in milliseconds, as Flink's `TimeWindow`.
public struct TimeWindow: Window, CustomStringConvertible {
    public var start: Int64
    /// Exclusive.
    public var end: Int64

    @inlinable
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    @inlinable public var maxTimestamp: Int64 { end &- 1 }

    /// Whether the windows overlap or touch (`[0, 5)` and `[5, 10)` do): sessions that touch merge,
    /// as in Flink.
    @inlinable
    public func intersects(_ other: TimeWindow) -> Bool { start <= other.end && end >= other.start }

    /// The smallest window containing both.
    @inlinable
    public func cover(_ other: TimeWindow) -> TimeWindow {
        TimeWindow(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    /// The start of the window of length `size` that contains `timestamp`, windows being aligned to
    /// `offset` (floor division, so negative timestamps land right too).
    @inlinable
    public static func windowStart(containing timestamp: Int64, offset: Int64, size: Int64) -> Int64 {
        let remainder = (timestamp &- offset) % size
        return remainder < 0 ? timestamp &- (remainder &+ size) : timestamp &- remainder
    }

    public var description: String { "TimeWindow[\(start), \(end))" }

    // Written out so they inline into specialized state and timer lookups in other modules.
    @inlinable public static func == (a: TimeWindow, b: TimeWindow) -> Bool { a.start == b.start && a.end == b.end }
    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
    }
}

extension TimeWindow: Comparable {
    /// By start, then end: the order sessions are merged in.
    @inlinable
    public static func < (a: TimeWindow, b: TimeWindow) -> Bool { a.start != b.start ? a.start < b.start : a.end < b.end }
}
