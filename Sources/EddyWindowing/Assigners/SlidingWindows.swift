import EddyCore

/// Windows of `size` that start every `slide`, so they overlap when `slide < size` (Flink's
/// `SlidingEventTimeWindows` and `SlidingProcessingTimeWindows`): an element is in `size / slide`
/// windows (rounded up).
public struct SlidingWindows<Element>: WindowAssigner {
    public let size: Int64
    public let slide: Int64
    public let offset: Int64
    public let isEventTime: Bool

    /// - Precondition: `size > 0`, `slide > 0` and `|offset| < slide`.
    public init(sizeMillis: Int64, slideMillis: Int64, offsetMillis: Int64 = 0, eventTime: Bool) {
        precondition(sizeMillis > 0 && slideMillis > 0, "sliding window size \(sizeMillis) and slide \(slideMillis) must be positive")
        precondition(abs(offsetMillis) < slideMillis, "sliding window offset \(offsetMillis) must be smaller than its slide \(slideMillis)")
        size = sizeMillis
        slide = slideMillis
        offset = offsetMillis
        isEventTime = eventTime
    }

    public static func eventTime(sizeMillis: Int64, slideMillis: Int64, offsetMillis: Int64 = 0) -> SlidingWindows {
        SlidingWindows(sizeMillis: sizeMillis, slideMillis: slideMillis, offsetMillis: offsetMillis, eventTime: true)
    }

    public static func processingTime(sizeMillis: Int64, slideMillis: Int64, offsetMillis: Int64 = 0) -> SlidingWindows {
        SlidingWindows(sizeMillis: sizeMillis, slideMillis: slideMillis, offsetMillis: offsetMillis, eventTime: false)
    }

    /// Windows from the latest start back to the earliest, as Flink assigns them.
    public func assignWindows(
        _ element: Element, timestamp: Int64?, currentProcessingTime: Int64, _ assign: (TimeWindow) throws -> Void
    ) throws {
        let time = isEventTime ? try eventTimestamp(timestamp, "sliding event-time windows") : currentProcessingTime
        var start = TimeWindow.windowStart(containing: time, offset: offset, size: slide)
        while start > time &- size {
            try assign(TimeWindow(start: start, end: start &+ size))
            start &-= slide
        }
    }

    public var defaultTrigger: DefaultTimeTrigger<Element, TimeWindow> { DefaultTimeTrigger(eventTime: isEventTime) }
    public var windowSerializer: TimeWindowSerializer { TimeWindowSerializer() }
    public var sliceLayout: SliceLayout? {
        guard isEventTime else { return nil }
        let slice = greatestCommonDivisor(size, slide)
        return SliceLayout(sliceSize: slice, offset: offset, shape: .sliding(windowSlices: size / slice, slideSlices: slide / slice))
    }
}

func greatestCommonDivisor(_ a: Int64, _ b: Int64) -> Int64 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
