/// The default trigger of time-window assigners: an ``EventTimeTrigger`` for event-time windows, a
/// ``ProcessingTimeTrigger`` for processing-time ones (one type, so an assigner that serves both
/// time domains has one default trigger type).
public struct DefaultTimeTrigger<Element, W: Window>: Trigger {
    public let isEventTime: Bool
    private var eventTime: EventTimeTrigger<Element, W> { EventTimeTrigger() }
    private var processingTime: ProcessingTimeTrigger<Element, W> { ProcessingTimeTrigger() }

    public init(eventTime: Bool) { isEventTime = eventTime }

    public func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        isEventTime
            ? try eventTime.onElement(element, timestamp: timestamp, window: window, context: context)
            : try processingTime.onElement(element, timestamp: timestamp, window: window, context: context)
    }

    public func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        isEventTime ? try eventTime.onEventTime(time, window: window, context: context) : .continue
    }

    public func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        isEventTime ? .continue : try processingTime.onProcessingTime(time, window: window, context: context)
    }

    public var canMerge: Bool { true }
    public var keepsEventTimeTimerAtWindowEnd: Bool { isEventTime }

    public func onMerge(window: W, context: TriggerContext<W>) throws {
        isEventTime ? try eventTime.onMerge(window: window, context: context) : try processingTime.onMerge(window: window, context: context)
    }

    public func clear(window: W, context: TriggerContext<W>) throws {
        isEventTime ? try eventTime.clear(window: window, context: context) : try processingTime.clear(window: window, context: context)
    }
}
