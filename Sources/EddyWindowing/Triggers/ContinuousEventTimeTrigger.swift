/// Fires every `interval` of event time while the window is open, and once more at its end
/// (Flink's `ContinuousEventTimeTrigger`): early results of long windows. The next firing time is
/// partitioned state, merged (as the minimum) when sessions merge.
public struct ContinuousEventTimeTrigger<Element, W: Window>: Trigger {
    let firing: ContinuousFiring<W>
    public var interval: Int64 { firing.interval }

    /// - Precondition: `intervalMillis > 0`.
    public init(intervalMillis: Int64) { firing = ContinuousFiring(intervalMillis: intervalMillis, eventTime: true) }

    public func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        if window.maxTimestamp <= context.currentWatermark { return .fire }
        context.registerEventTimeTimer(window.maxTimestamp)
        if let timestamp { try firing.scheduleFirst(at: timestamp, window: window, context: context) }
        return .continue
    }

    public func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        if time == window.maxTimestamp { return .fire }
        return try firing.isFiring(at: time, window: window, context: context) ? .fire : .continue
    }

    public func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }

    public var canMerge: Bool { true }
    public func onMerge(window: W, context: TriggerContext<W>) throws { try firing.merge(context: context) }
    public func clear(window: W, context: TriggerContext<W>) throws { try firing.clear(context: context) }
}
