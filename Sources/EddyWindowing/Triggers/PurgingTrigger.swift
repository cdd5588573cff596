/// Turns every `fire` of the wrapped trigger into `fireAndPurge` (Flink's `PurgingTrigger`): each
/// firing emits only what arrived since the last.
public struct PurgingTrigger<Nested: Trigger>: Trigger {
    public typealias Element = Nested.Element
    public typealias W = Nested.W
    public let nested: Nested

    public init(_ nested: Nested) { self.nested = nested }

    public func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        Self.purging(try nested.onElement(element, timestamp: timestamp, window: window, context: context))
    }

    public func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        Self.purging(try nested.onEventTime(time, window: window, context: context))
    }

    public func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        Self.purging(try nested.onProcessingTime(time, window: window, context: context))
    }

    public var canMerge: Bool { nested.canMerge }
    public func onMerge(window: W, context: TriggerContext<W>) throws { try nested.onMerge(window: window, context: context) }
    public func clear(window: W, context: TriggerContext<W>) throws { try nested.clear(window: window, context: context) }

    private static func purging(_ result: TriggerResult) -> TriggerResult { result.isFire ? .fireAndPurge : result }
}
