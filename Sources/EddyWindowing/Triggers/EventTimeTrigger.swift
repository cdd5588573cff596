/// Fires once the watermark passes the window's end (Flink's `EventTimeTrigger`), and at once for
/// an element that arrives after that (within the allowed lateness), so late elements update the
/// result.
public struct EventTimeTrigger<Element, W: Window>: Trigger {
    public init() {}

    public func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        if window.maxTimestamp <= context.currentWatermark { return .fire }
        context.registerEventTimeTimer(window.maxTimestamp)
        return .continue
    }

    public func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        time == window.maxTimestamp ? .fire : .continue
    }

    public func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }

    public var canMerge: Bool { true }
    public var keepsEventTimeTimerAtWindowEnd: Bool { true }

    public func onMerge(window: W, context: TriggerContext<W>) throws {
        // A merged window whose end the watermark passed already fires from the element that
        // caused the merge; registering the timer too would fire it twice.
        if window.maxTimestamp > context.currentWatermark { context.registerEventTimeTimer(window.maxTimestamp) }
    }

    public func clear(window: W, context: TriggerContext<W>) throws { context.deleteEventTimeTimer(window.maxTimestamp) }
}
