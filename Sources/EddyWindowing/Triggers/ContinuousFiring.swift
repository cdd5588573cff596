import EddyCore
import EddyState

/// The next firing time of a continuous trigger, kept as partitioned state of the window (the
/// earliest wins when sessions merge), with its timer in the trigger's time domain.
struct ContinuousFiring<W: Window>: Sendable {
    let interval: Int64
    let eventTime: Bool
    let descriptor: ReducingStateDescriptor<IntegerSerializer<Int64>>

    init(intervalMillis: Int64, eventTime: Bool) {
        precondition(intervalMillis > 0, "a continuous trigger needs a positive interval, got \(intervalMillis) ms")
        interval = intervalMillis
        self.eventTime = eventTime
        let name = eventTime ? "continuous-event-time-fire" : "continuous-processing-time-fire"
        descriptor = ReducingStateDescriptor(name: name, serializer: IntegerSerializer<Int64>()) { Swift.min($0, $1) }
    }

    /// Schedules the first firing at the end of the interval holding `time`, unless one is due.
    func scheduleFirst(at time: Int64, window: W, context: TriggerContext<W>) throws {
        let state = try context.partitionedState(descriptor)
        if try state.get() == nil { try scheduleNext(after: time - floorModulo(time, interval), window: window, state: state, context: context) }
    }

    /// A timer fired at `time`: whether it is this trigger's firing (then the next one is scheduled).
    func isFiring(at time: Int64, window: W, context: TriggerContext<W>) throws -> Bool {
        let state = try context.partitionedState(descriptor)
        guard try state.get() == time else { return false }
        try state.clear()
        try scheduleNext(after: time, window: window, state: state, context: context)
        return true
    }

    func merge(context: TriggerContext<W>) throws {
        try context.mergePartitionedState(descriptor)
        if let next = try context.partitionedState(descriptor).get() { register(next, context) }
    }

    func clear(context: TriggerContext<W>) throws {
        let state = try context.partitionedState(descriptor)
        guard let time = try state.get() else { return }
        eventTime ? context.deleteEventTimeTimer(time) : context.deleteProcessingTimeTimer(time)
        try state.clear()
    }

    private func scheduleNext(after time: Int64, window: W, state: ReducingStateHandle<W, Int64>, context: TriggerContext<W>) throws {
        let next = Swift.min(time &+ interval, window.maxTimestamp)
        try state.add(next)
        register(next, context)
    }

    private func register(_ time: Int64, _ context: TriggerContext<W>) {
        eventTime ? context.registerEventTimeTimer(time) : context.registerProcessingTimeTimer(time)
    }
}
