import EddyCore

/// Puts each element into zero or more windows, as Flink's `WindowAssigner`, and names the trigger
/// that fires them by default. Assigners are configuration: shared by all subtasks of an operator.
///
/// Windows are handed out through a callback, not an array, so assigning allocates nothing per
/// record (a 1 h / 10 s sliding window puts each element into 360 windows).
///
/// Thread-safety: `Sendable` values, called on task threads.
public protocol WindowAssigner<Element, W>: Sendable {
    associatedtype Element
    associatedtype W: Window
    associatedtype WindowSerializer: Serializer where WindowSerializer.Value == W
    associatedtype DefaultTrigger: Trigger where DefaultTrigger.Element == Element, DefaultTrigger.W == W

    /// Calls `assign` with every window `element` belongs to.
    /// - Parameters:
    ///   - timestamp: the element's event time (nil when it has none).
    ///   - currentProcessingTime: the operator's clock, for processing-time assigners.
    /// - Throws: ``WindowingError`` (`.missingTimestamp` for event time without a timestamp), or
    ///   what `assign` throws.
    func assignWindows(
        _ element: Element, timestamp: Int64?, currentProcessingTime: Int64, _ assign: (W) throws -> Void
    ) throws

    /// The trigger used unless the program sets another.
    var defaultTrigger: DefaultTrigger { get }
    /// Writes windows as state and timer namespaces.
    var windowSerializer: WindowSerializer { get }
    /// Whether windows are in event time (watermarks complete them, lateness applies) rather than
    /// processing time.
    var isEventTime: Bool { get }

    /// Whether windows merge (sessions): the operator then keeps each key's windows in a
    /// ``MergingWindowSet`` and merges their state.
    var isMerging: Bool { get }
    /// Merging assigners: sorts `windows` and calls `merge` once per group of two or more that must
    /// become one window, with the group and the window it becomes.
    func mergeWindows(_ windows: inout [W], _ merge: (ArraySlice<W>, W) throws -> Void) rethrows

    /// Whether windows are ``TimeWindow``s merged when they overlap or touch (the session
    /// assigners): such windows can run on the ``SessionWindowOperator``.
    var mergesTimeWindowsByIntersection: Bool { get }

    /// Aligned assigners (tumbling, sliding, cumulative in event time): how windows cut into slices,
    /// so the slicing operator can keep one partial aggregate per slice. nil for the others.
    var sliceLayout: SliceLayout? { get }
}

extension WindowAssigner {
    public var isMerging: Bool { false }
    public func mergeWindows(_ windows: inout [W], _ merge: (ArraySlice<W>, W) throws -> Void) rethrows {
        preconditionFailure("\(Self.self) does not merge windows")
    }
    public var sliceLayout: SliceLayout? { nil }
    public var mergesTimeWindowsByIntersection: Bool { false }
}

/// The timestamp event-time assigners place an element by.
@inline(__always)
func eventTimestamp(_ timestamp: Int64?, _ assigner: String) throws -> Int64 {
    guard let timestamp else {
        throw WindowingError(
            .missingTimestamp,
            "\(assigner) got a record without a timestamp; assign timestamps and watermarks before windowing in event time")
    }
    return timestamp
}
