/// Never fires: the default of ``GlobalWindows``, which need a trigger of their own.
public struct NeverTrigger<Element, W: Window>: Trigger {
    public init() {}
    public func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }
    public func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }
    public func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }
    public var canMerge: Bool { true }
    public func onMerge(window: W, context: TriggerContext<W>) throws {}
    public func clear(window: W, context: TriggerContext<W>) throws {}
}
