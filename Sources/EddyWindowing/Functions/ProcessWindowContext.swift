import EddyCore
import EddyRuntime
import EddyState

/// What a ``ProcessWindowFunction`` gets per call (Flink's `ProcessWindowFunction.Context`).
///
/// Thread-safety: the task thread only; valid during the call it is passed to.
public final class ProcessWindowContext<Key, W: Window, Out> {
    let services: WindowServices<W>
    let globalStates: KeyedStateScope<VoidNamespace>
    let output: Output<Out>
    let metrics: OperatorMetrics
    var currentWindow: W?

    @usableFromInline
    init(services: WindowServices<W>, globalStates: KeyedStateScope<VoidNamespace>, output: Output<Out>, metrics: OperatorMetrics) {
        self.services = services
        self.globalStates = globalStates
        self.output = output
        self.metrics = metrics
    }

    /// The window being processed.
    public var window: W {
        guard let currentWindow else { preconditionFailure("window context used outside a window function call") }
        return currentWindow
    }

    public var currentWatermark: Int64 { services.currentWatermark }
    public var currentProcessingTime: Int64 { services.currentProcessingTime }

    /// Emits a result; it carries the window's max timestamp.
    public func collect(_ value: Out) throws {
        metrics.recordsOut.increment()
        try output.record(value, window.maxTimestamp)
    }

    /// Emits to a side output, with the window's max timestamp.
    public func output<T>(_ tag: OutputTag<T>, _ value: T) throws {
        try output.sideOutput(tag.name, value, window.maxTimestamp)
    }

    /// State of this key and window: it lives until ``ProcessWindowFunction/clear(_:context:)``
    /// clears it (the function must, or it stays forever).
    public func windowState<S: Serializer>(_ descriptor: ValueStateDescriptor<S>) throws -> ValueStateHandle<W, S.Value> {
        try services.windowStates.valueState(descriptor, in: window)
    }

    public func windowState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws -> ListStateHandle<W, S.Value> {
        try services.windowStates.listState(descriptor, in: window)
    }

    public func windowState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>
    ) throws -> MapStateHandle<W, KS.Value, VS.Value> {
        try services.windowStates.mapState(descriptor, in: window)
    }

    /// State of this key across all its windows.
    public func globalState<S: Serializer>(_ descriptor: ValueStateDescriptor<S>) throws -> ValueStateHandle<VoidNamespace, S.Value> {
        try globalStates.valueState(descriptor)
    }

    public func globalState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws -> ListStateHandle<VoidNamespace, S.Value> {
        try globalStates.listState(descriptor)
    }

    public func globalState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>
    ) throws -> MapStateHandle<VoidNamespace, KS.Value, VS.Value> {
        try globalStates.mapState(descriptor)
    }
}
