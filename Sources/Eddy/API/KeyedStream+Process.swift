import EddyCore
import EddyRuntime
import EddyState

extension KeyedStream {
    /// Runs a ``KeyedProcessFunction`` per key: `makeFunction` builds one instance per subtask.
    /// Event-time timers fire as the watermark passes them, before the watermark goes downstream;
    /// processing-time timers fire from the task's periodic work.
    public func process<F: KeyedProcessFunction>(
        _ name: String = "process", _ makeFunction: @escaping () -> F
    ) -> DataStream<F.Out> where F.Key == Key, F.Input == Element, F.Out: StreamSerializable {
        let key = self.key
        return addKeyedOperator(name) { context, backend, checkpointing, output in
            let function = makeFunction()
            let range = KeyGroupRangeAssignment.range(
                forOperatorIndex: context.subtaskIndex, parallelism: context.parallelism, maxParallelism: context.maxParallelism)
            let timers = InternalTimerService<Key, VoidNamespace>(
                keySerializer: Key.streamSerializer, namespaceSerializer: VoidNamespaceSerializer(),
                keyGroupRange: range, maxParallelism: context.maxParallelism)
            try checkpointing.attach(timers)
            let processContext = KeyedProcessContext<Key, F.Out>(
                output: output, timers: timers, clock: context.clock, metrics: context.metrics)
            try function.open(KeyedProcessOpenContext(
                state: KeyedStateStore(backend: backend), subtaskIndex: context.subtaskIndex, parallelism: context.parallelism))
            let metrics = context.metrics
            let operatorName = context.operatorName
            let fire: (Key, VoidNamespace, Int64, TimeDomain) throws -> Void = { timerKey, _, time, domain in
                backend.setCurrentKey(timerKey)
                processContext.currentKey = timerKey
                processContext.timestamp = domain == .eventTime ? time : nil
                try callingUserFunction(operatorName, FiringTimer(time: time, key: timerKey), time) {
                    try function.onTimer(time, domain: domain, context: processContext)
                }
            }
            let clock = context.clock
            context.addPeriodic(processingTimerAction(name: name, timers: timers, clock: clock) { time in
                try timers.advanceProcessingTime(to: time) { try fire($0, $1, $2, .processingTime) }
            })
            let input = Output<Element>(
                record: { value, timestamp in
                    metrics.recordsIn.increment()
                    let k = key(value)
                    backend.setCurrentKey(k)
                    processContext.currentKey = k
                    processContext.timestamp = timestamp
                    try callingUserFunction(operatorName, value, timestamp) { try function.processElement(value, context: processContext) }
                },
                watermark: { watermark in
                    metrics.currentWatermark.set(watermark.timestamp)
                    try timers.advanceWatermark(to: watermark.timestamp) { try fire($0, $1, $2, .eventTime) }
                    try output.watermark(watermark)
                },
                streamStatus: output.streamStatus, latencyMarker: output.latencyMarker, sideOutput: output.sideOutput)
            return (input, [])
        }
    }
}

/// A firing timer as the "record" of a failure report; formatted only if the timer's function throws.
struct FiringTimer<Key>: CustomStringConvertible {
    let time: Int64
    let key: Key
    var description: String { "timer \(time) of key \(key)" }
}
