/// Removes elements from a window's contents before and/or after the window function runs (Flink's
/// `Evictor`). A window with an evictor keeps every element (with its timestamp) in list state, as
/// the evictor needs them all; removed elements are gone from the window for good.
///
/// Thread-safety: configuration, shared by the subtasks; called on the task thread.
public protocol Evictor<Element, W>: Sendable {
    associatedtype Element
    associatedtype W: Window
    /// False only for ``NoEvictor``: the operator then keeps windows incrementally.
    static var evicts: Bool { get }
    /// Runs before the window function.
    func evictBefore(_ elements: inout [TimestampedValue<Element>], window: W, context: EvictorContext)
    /// Runs after the window function.
    func evictAfter(_ elements: inout [TimestampedValue<Element>], window: W, context: EvictorContext)
}

extension Evictor {
    public static var evicts: Bool { true }
}

/// The time an evictor may look at.
public struct EvictorContext: Sendable {
    public var currentWatermark: Int64
    public var currentProcessingTime: Int64
}

/// The absence of an evictor: windows keep incremental contents (a reduced value, an accumulator).
public struct NoEvictor<Element, W: Window>: Evictor {
    public init() {}
    public static var evicts: Bool { false }
    public func evictBefore(_ elements: inout [TimestampedValue<Element>], window: W, context: EvictorContext) {}
    public func evictAfter(_ elements: inout [TimestampedValue<Element>], window: W, context: EvictorContext) {}
}

/// An evictor that applies one rule either before or after the function (the built-in ones).
public protocol OneSidedEvictor: Evictor {
    /// Whether the rule runs after the window function rather than before.
    var evictsAfter: Bool { get }
    /// Applies the rule.
    func evict(_ elements: inout [TimestampedValue<Element>])
}

extension OneSidedEvictor {
    public func evictBefore(_ elements: inout [TimestampedValue<Element>], window: W, context: EvictorContext) {
        if !evictsAfter { evict(&elements) }
    }

    public func evictAfter(_ elements: inout [TimestampedValue<Element>], window: W, context: EvictorContext) {
        if evictsAfter { evict(&elements) }
    }
}
