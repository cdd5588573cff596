import EddyCore
import EddyState

/// What a ``Trigger`` gets with each call (Flink's `TriggerContext` and `OnMergeContext`): timers
/// and state of the current key and window, and the time.
///
/// Thread-safety: the task thread only; valid during the call it is passed to.
public final class TriggerContext<W: Window> {
    let services: WindowServices<W>
    /// The window the call is about (set by the operator before each call).
    var window: W?
    /// During ``Trigger/onMerge(window:context:)``: the windows merged into the call's window.
    public internal(set) var mergedWindows: [W] = []

    @usableFromInline
    init(services: WindowServices<W>) { self.services = services }

    private var currentWindow: W {
        guard let window else { preconditionFailure("trigger context used outside a trigger call") }
        return window
    }

    public var currentWatermark: Int64 { services.currentWatermark }
    public var currentProcessingTime: Int64 { services.currentProcessingTime }

    /// Calls ``Trigger/onEventTime(_:window:context:)`` when the watermark reaches `time`
    /// (deduplicated per key, window and time).
    public func registerEventTimeTimer(_ time: Int64) { services.registerEventTimer(currentWindow, time) }
    public func deleteEventTimeTimer(_ time: Int64) { services.deleteEventTimer(currentWindow, time) }
    /// Calls ``Trigger/onProcessingTime(_:window:context:)`` when the clock reaches `time`.
    public func registerProcessingTimeTimer(_ time: Int64) {
        services.registerProcessingTimer(currentWindow, time)
    }
    public func deleteProcessingTimeTimer(_ time: Int64) {
        services.deleteProcessingTimer(currentWindow, time)
    }

    /// State of the current key and window.
    public func partitionedState<S: Serializer>(_ descriptor: ValueStateDescriptor<S>) throws -> ValueStateHandle<W, S.Value> {
        try services.windowStates.valueState(descriptor, in: currentWindow)
    }

    public func partitionedState<S: Serializer>(_ descriptor: ReducingStateDescriptor<S>) throws -> ReducingStateHandle<W, S.Value> {
        try services.windowStates.reducingState(descriptor, in: currentWindow)
    }

    public func partitionedState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws -> ListStateHandle<W, S.Value> {
        try services.windowStates.listState(descriptor, in: currentWindow)
    }

    /// During `onMerge`: folds the state of every merged window into the current window's and
    /// clears theirs (Flink's `mergePartitionedState`).
    public func mergePartitionedState<S: Serializer>(_ descriptor: ReducingStateDescriptor<S>) throws {
        let state = try services.windowStates.reducingState(descriptor)
        var values: [S.Value] = []
        for merged in mergedWindows where merged != currentWindow {
            state.setCurrentNamespace(merged)
            if let value = try state.get() { values.append(value) }
            try state.clear()
        }
        state.setCurrentNamespace(currentWindow)
        for value in values { try state.add(value) }
    }

    /// During `onMerge`: appends the lists of the merged windows to the current window's.
    public func mergePartitionedState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws {
        let state = try services.windowStates.listState(descriptor)
        var values: [S.Value] = []
        for merged in mergedWindows where merged != currentWindow {
            state.setCurrentNamespace(merged)
            values += try state.get()
            try state.clear()
        }
        state.setCurrentNamespace(currentWindow)
        if !values.isEmpty { try state.addAll(values) }
    }
}
