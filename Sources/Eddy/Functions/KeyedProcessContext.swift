import EddyCore
import EddyRuntime
import EddyState

/// What a ``KeyedProcessFunction`` gets when it opens: keyed state of its subtask.
public struct KeyedProcessOpenContext<Key> {
    public let state: KeyedStateStore<Key>
    public let subtaskIndex: Int
    public let parallelism: Int
}

/// Creates keyed state handles (un-namespaced) of one subtask's backend.
///
/// Thread-safety: the task thread only.
public final class KeyedStateStore<Key> {
    let backend: any KeyedStateBackend<Key>

    init(backend: any KeyedStateBackend<Key>) { self.backend = backend }

    public func valueState<S: Serializer>(_ descriptor: ValueStateDescriptor<S>) throws -> ValueStateHandle<VoidNamespace, S.Value> {
        try backend.valueState(descriptor, namespaceSerializer: VoidNamespaceSerializer())
    }

    public func listState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws -> ListStateHandle<VoidNamespace, S.Value> {
        try backend.listState(descriptor, namespaceSerializer: VoidNamespaceSerializer())
    }

    public func mapState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>
    ) throws -> MapStateHandle<VoidNamespace, KS.Value, VS.Value> {
        try backend.mapState(descriptor, namespaceSerializer: VoidNamespaceSerializer())
    }

    public func reducingState<S: Serializer>(_ descriptor: ReducingStateDescriptor<S>) throws -> ReducingStateHandle<VoidNamespace, S.Value> {
        try backend.reducingState(descriptor, namespaceSerializer: VoidNamespaceSerializer())
    }

    public func aggregatingState<F: AggregateFunction, AS: Serializer>(
        _ descriptor: AggregatingStateDescriptor<F, AS>
    ) throws -> AggregatingStateHandle<VoidNamespace, F.Input, F.Output> {
        try backend.aggregatingState(descriptor, namespaceSerializer: VoidNamespaceSerializer())
    }
}

/// What a ``KeyedProcessFunction`` gets per record or timer: the key, the timestamp, timers,
/// time, and where to emit.
///
/// Thread-safety: the task thread only; valid during the call it was passed to.
public final class KeyedProcessContext<Key: Hashable, Out> {
    let output: EddyRuntime.Output<Out>
    let timers: InternalTimerService<Key, VoidNamespace>
    let clock: any StateClock
    let metrics: OperatorMetrics
    /// The key of the record or timer being processed.
    public internal(set) var currentKey: Key!
    /// The record's timestamp (or the firing timer's time); nil when the record has none.
    public internal(set) var timestamp: Int64?

    init(output: EddyRuntime.Output<Out>, timers: InternalTimerService<Key, VoidNamespace>, clock: any StateClock, metrics: OperatorMetrics) {
        self.output = output
        self.timers = timers
        self.clock = clock
        self.metrics = metrics
    }

    /// The operator's current event time.
    public var currentWatermark: Int64 { timers.currentWatermark }
    public var currentProcessingTime: Int64 { clock.currentTimeMillis() }

    /// Emits a record downstream with the current timestamp.
    public func collect(_ value: Out) throws {
        metrics.recordsOut.increment()
        try output.record(value, timestamp)
    }

    /// Counts a record dropped for arriving behind the watermark (the `numLateRecordsDropped` metric).
    public func countLateRecord() { metrics.lateRecordsDropped.increment() }

    /// Emits to a side output.
    public func emit<T>(_ value: T, to tag: OutputTag<T>) throws {
        try output.sideOutput(tag.name, value, timestamp)
    }

    /// Fires `onTimer` when the watermark passes `time` (deduplicated per key and time).
    public func registerEventTimeTimer(_ time: Int64) { timers.registerEventTimeTimer(key: currentKey, namespace: VoidNamespace(), time: time) }
    public func deleteEventTimeTimer(_ time: Int64) { timers.deleteEventTimeTimer(key: currentKey, namespace: VoidNamespace(), time: time) }
    /// Fires `onTimer` when processing time reaches `time`.
    public func registerProcessingTimeTimer(_ time: Int64) {
        timers.registerProcessingTimeTimer(key: currentKey, namespace: VoidNamespace(), time: time)
    }
    public func deleteProcessingTimeTimer(_ time: Int64) {
        timers.deleteProcessingTimeTimer(key: currentKey, namespace: VoidNamespace(), time: time)
    }
}
