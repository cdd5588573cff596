/// Keeps the elements within `windowSize` of the newest one: removes every element whose
/// timestamp is at or before `max(timestamp) - windowSize` (Flink's `TimeEvictor`). Elements
/// without timestamps are left alone.
public struct TimeEvictor<Element, W: Window>: OneSidedEvictor {
    public let windowSize: Int64
    public let evictsAfter: Bool

    public init(windowSizeMillis: Int64, afterFunction: Bool = false) {
        windowSize = windowSizeMillis
        evictsAfter = afterFunction
    }

    public func evict(_ elements: inout [TimestampedValue<Element>]) {
        guard elements.first?.timestamp != nil, let newest = elements.compactMap(\.timestamp).max() else { return }
        let cutoff = newest &- windowSize
        elements.removeAll { ($0.timestamp ?? Int64.max) <= cutoff }
    }
}
