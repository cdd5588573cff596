import EddyCore

/// Sessions: each element opens a window `[t, t + gap)`, and windows of a key that overlap or touch
/// merge, so a session ends after `gap` without elements (Flink's `EventTimeSessionWindows` and
/// `ProcessingTimeSessionWindows`). With a closure instead of a fixed gap, see
/// ``DynamicSessionWindows``.
public struct SessionWindows<Element>: WindowAssigner {
    public let gap: Int64
    public let isEventTime: Bool

    /// - Precondition: `gap > 0`.
    public init(gapMillis: Int64, eventTime: Bool) {
        precondition(gapMillis > 0, "session gap must be positive, got \(gapMillis) ms")
        gap = gapMillis
        isEventTime = eventTime
    }

    public static func eventTime(gapMillis: Int64) -> SessionWindows { SessionWindows(gapMillis: gapMillis, eventTime: true) }
    public static func processingTime(gapMillis: Int64) -> SessionWindows { SessionWindows(gapMillis: gapMillis, eventTime: false) }

    public func assignWindows(
        _ element: Element, timestamp: Int64?, currentProcessingTime: Int64, _ assign: (TimeWindow) throws -> Void
    ) throws {
        let time = isEventTime ? try eventTimestamp(timestamp, "event-time session windows") : currentProcessingTime
        try assign(TimeWindow(start: time, end: time &+ gap))
    }

    public var defaultTrigger: DefaultTimeTrigger<Element, TimeWindow> { DefaultTimeTrigger(eventTime: isEventTime) }
    public var windowSerializer: TimeWindowSerializer { TimeWindowSerializer() }
    public var isMerging: Bool { true }
    public var mergesTimeWindowsByIntersection: Bool { true }
    public func mergeWindows(_ windows: inout [TimeWindow], _ merge: (ArraySlice<TimeWindow>, TimeWindow) throws -> Void) rethrows {
        try TimeWindow.mergeIntersecting(&windows, merge)
    }
}

/// Sessions whose gap each element chooses (Flink's `DynamicEventTimeSessionWindows` with a
/// `SessionWindowTimeGapExtractor`): an element opens `[t, t + gap(element))`; overlapping windows
/// merge as in ``SessionWindows``.
public struct DynamicSessionWindows<Element>: WindowAssigner {
    public let gap: @Sendable (Element) -> Int64
    public let isEventTime: Bool

    public init(eventTime: Bool, gapMillis: @escaping @Sendable (Element) -> Int64) {
        gap = gapMillis
        isEventTime = eventTime
    }

    public static func eventTime(gapMillis: @escaping @Sendable (Element) -> Int64) -> DynamicSessionWindows {
        DynamicSessionWindows(eventTime: true, gapMillis: gapMillis)
    }

    public static func processingTime(gapMillis: @escaping @Sendable (Element) -> Int64) -> DynamicSessionWindows {
        DynamicSessionWindows(eventTime: false, gapMillis: gapMillis)
    }

    /// - Throws: ``WindowingError`` `.invalidGap` when the extractor returns a gap that is not positive.
    public func assignWindows(
        _ element: Element, timestamp: Int64?, currentProcessingTime: Int64, _ assign: (TimeWindow) throws -> Void
    ) throws {
        let time = isEventTime ? try eventTimestamp(timestamp, "dynamic event-time session windows") : currentProcessingTime
        let gap = gap(element)
        guard gap > 0 else {
            throw WindowingError(.invalidGap, "the session gap extractor returned \(gap) ms for \(element); gaps must be positive")
        }
        try assign(TimeWindow(start: time, end: time &+ gap))
    }

    public var defaultTrigger: DefaultTimeTrigger<Element, TimeWindow> { DefaultTimeTrigger(eventTime: isEventTime) }
    public var windowSerializer: TimeWindowSerializer { TimeWindowSerializer() }
    public var isMerging: Bool { true }
    public var mergesTimeWindowsByIntersection: Bool { true }
    public func mergeWindows(_ windows: inout [TimeWindow], _ merge: (ArraySlice<TimeWindow>, TimeWindow) throws -> Void) rethrows {
        try TimeWindow.mergeIntersecting(&windows, merge)
    }
}

extension TimeWindow {
    /// Sorts `windows`, drops exact duplicates, and calls `merge` for every run of two or more that
    /// overlap or touch, with the run and its cover (Flink's `TimeWindow.mergeWindows`).
    /// - Complexity: O(n log n); no allocation (the runs are slices of `windows`).
    static func mergeIntersecting(_ windows: inout [TimeWindow], _ merge: (ArraySlice<TimeWindow>, TimeWindow) throws -> Void) rethrows {
        guard windows.count > 1 else { return }
        windows.sort()
        var distinct = 1
        for index in 1..<windows.count where windows[index] != windows[distinct - 1] {
            windows[distinct] = windows[index]
            distinct += 1
        }
        windows.removeLast(windows.count - distinct)
        var runStart = 0
        var cover = windows[0]
        for index in 1...windows.count {
            if index < windows.count && cover.intersects(windows[index]) {
                cover = cover.cover(windows[index])
                continue
            }
            if index - runStart > 1 { try merge(windows[runStart..<index], cover) }
            guard index < windows.count else { break }
            runStart = index
            cover = windows[index]
        }
    }
}
