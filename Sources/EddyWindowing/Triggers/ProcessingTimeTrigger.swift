/// Fires when the operator's clock passes the window's end (Flink's `ProcessingTimeTrigger`).
public struct ProcessingTimeTrigger<Element, W: Window>: Trigger {
    public init() {}

    public func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        context.registerProcessingTimeTimer(window.maxTimestamp)
        return .continue
    }

    public func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }

    public func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .fire }

    public var canMerge: Bool { true }

    public func onMerge(window: W, context: TriggerContext<W>) throws {
        if window.maxTimestamp > context.currentProcessingTime { context.registerProcessingTimeTimer(window.maxTimestamp) }
    }

    public func clear(window: W, context: TriggerContext<W>) throws { context.deleteProcessingTimeTimer(window.maxTimestamp) }
}
