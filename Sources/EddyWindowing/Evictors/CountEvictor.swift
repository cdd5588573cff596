/// Keeps at most the `maxCount` latest elements of a window (Flink's `CountEvictor`), before the
/// function by default or after it.
public struct CountEvictor<Element, W: Window>: OneSidedEvictor {
    public let maxCount: Int
    public let evictsAfter: Bool

    /// - Precondition: `maxCount >= 0`.
    public init(_ maxCount: Int, afterFunction: Bool = false) {
        precondition(maxCount >= 0, "a count evictor keeps a non-negative count, got \(maxCount)")
        self.maxCount = maxCount
        evictsAfter = afterFunction
    }

    public func evict(_ elements: inout [TimestampedValue<Element>]) {
        if elements.count > maxCount { elements.removeFirst(elements.count - maxCount) }
    }
}
