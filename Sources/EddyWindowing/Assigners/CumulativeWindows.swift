import EddyCore

/// Windows that grow by `step` from a common start up to `maxSize`, then start again (Flink SQL's
/// `CUMULATE`): for a day in steps of an hour, `[00:00, 01:00)`, `[00:00, 02:00)`, …,
/// `[00:00, 24:00)`. An element is in every window of its day that ends after it.
public struct CumulativeWindows<Element>: WindowAssigner {
    public let step: Int64
    public let maxSize: Int64
    public let offset: Int64
    public let isEventTime: Bool

    /// - Precondition: `step > 0`, `maxSize` a multiple of `step`, `|offset| < maxSize`.
    public init(stepMillis: Int64, maxSizeMillis: Int64, offsetMillis: Int64 = 0, eventTime: Bool) {
        precondition(stepMillis > 0 && maxSizeMillis >= stepMillis, "cumulative windows need 0 < step \(stepMillis) <= max size \(maxSizeMillis)")
        precondition(maxSizeMillis % stepMillis == 0, "cumulative window max size \(maxSizeMillis) must be a multiple of its step \(stepMillis)")
        precondition(abs(offsetMillis) < maxSizeMillis, "cumulative window offset \(offsetMillis) must be smaller than its max size")
        step = stepMillis
        maxSize = maxSizeMillis
        offset = offsetMillis
        isEventTime = eventTime
    }

    public static func eventTime(stepMillis: Int64, maxSizeMillis: Int64, offsetMillis: Int64 = 0) -> CumulativeWindows {
        CumulativeWindows(stepMillis: stepMillis, maxSizeMillis: maxSizeMillis, offsetMillis: offsetMillis, eventTime: true)
    }

    public static func processingTime(stepMillis: Int64, maxSizeMillis: Int64, offsetMillis: Int64 = 0) -> CumulativeWindows {
        CumulativeWindows(stepMillis: stepMillis, maxSizeMillis: maxSizeMillis, offsetMillis: offsetMillis, eventTime: false)
    }

    public func assignWindows(
        _ element: Element, timestamp: Int64?, currentProcessingTime: Int64, _ assign: (TimeWindow) throws -> Void
    ) throws {
        let time = isEventTime ? try eventTimestamp(timestamp, "cumulative event-time windows") : currentProcessingTime
        let start = TimeWindow.windowStart(containing: time, offset: offset, size: maxSize)
        let lastEnd = start &+ maxSize
        var end = TimeWindow.windowStart(containing: time, offset: offset, size: step) &+ step
        while end <= lastEnd {
            try assign(TimeWindow(start: start, end: end))
            end &+= step
        }
    }

    public var defaultTrigger: DefaultTimeTrigger<Element, TimeWindow> { DefaultTimeTrigger(eventTime: isEventTime) }
    public var windowSerializer: TimeWindowSerializer { TimeWindowSerializer() }
    public var sliceLayout: SliceLayout? {
        isEventTime ? SliceLayout(sliceSize: step, offset: offset, shape: .cumulative(maxSlices: maxSize / step)) : nil
    }
}
