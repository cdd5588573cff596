/// Fires every `interval` of processing time while the window has elements (Flink's
/// `ContinuousProcessingTimeTrigger`); the first firing is aligned to the interval.
public struct ContinuousProcessingTimeTrigger<Element, W: Window>: Trigger {
    let firing: ContinuousFiring<W>
    public var interval: Int64 { firing.interval }

    /// - Precondition: `intervalMillis > 0`.
    public init(intervalMillis: Int64) { firing = ContinuousFiring(intervalMillis: intervalMillis, eventTime: false) }

    public func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        try firing.scheduleFirst(at: context.currentProcessingTime, window: window, context: context)
        return .continue
    }

    public func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }

    public func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        try firing.isFiring(at: time, window: window, context: context) ? .fire : .continue
    }

    public var canMerge: Bool { true }
    public func onMerge(window: W, context: TriggerContext<W>) throws { try firing.merge(context: context) }
    public func clear(window: W, context: TriggerContext<W>) throws { try firing.clear(context: context) }
}
