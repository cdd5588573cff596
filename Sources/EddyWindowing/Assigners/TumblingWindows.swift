import EddyCore

/// Fixed-size windows that do not overlap: `[offset + k·size, offset + (k+1)·size)` (Flink's
/// `TumblingEventTimeWindows` and `TumblingProcessingTimeWindows`). The offset shifts the grid, for
/// windows of a day in a time zone other than UTC.
public struct TumblingWindows<Element>: WindowAssigner {
    public let size: Int64
    public let offset: Int64
    public let isEventTime: Bool

    /// - Precondition: `size > 0` and `|offset| < size`.
    public init(sizeMillis: Int64, offsetMillis: Int64 = 0, eventTime: Bool) {
        precondition(sizeMillis > 0, "tumbling window size must be positive, got \(sizeMillis) ms")
        precondition(abs(offsetMillis) < sizeMillis, "tumbling window offset \(offsetMillis) must be smaller than its size \(sizeMillis)")
        size = sizeMillis
        offset = offsetMillis
        isEventTime = eventTime
    }

    /// Windows of event time, completed by watermarks.
    public static func eventTime(sizeMillis: Int64, offsetMillis: Int64 = 0) -> TumblingWindows {
        TumblingWindows(sizeMillis: sizeMillis, offsetMillis: offsetMillis, eventTime: true)
    }

    /// Windows of the operator's clock.
    public static func processingTime(sizeMillis: Int64, offsetMillis: Int64 = 0) -> TumblingWindows {
        TumblingWindows(sizeMillis: sizeMillis, offsetMillis: offsetMillis, eventTime: false)
    }

    public func assignWindows(
        _ element: Element, timestamp: Int64?, currentProcessingTime: Int64, _ assign: (TimeWindow) throws -> Void
    ) throws {
        let time = isEventTime ? try eventTimestamp(timestamp, "tumbling event-time windows") : currentProcessingTime
        let start = TimeWindow.windowStart(containing: time, offset: offset, size: size)
        try assign(TimeWindow(start: start, end: start &+ size))
    }

    public var defaultTrigger: DefaultTimeTrigger<Element, TimeWindow> { DefaultTimeTrigger(eventTime: isEventTime) }
    public var windowSerializer: TimeWindowSerializer { TimeWindowSerializer() }
    public var sliceLayout: SliceLayout? {
        isEventTime ? SliceLayout(sliceSize: size, offset: offset, shape: .tumbling) : nil
    }
}
