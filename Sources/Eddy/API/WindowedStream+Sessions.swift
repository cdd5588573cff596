import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import EddyWindowing

extension WindowedStream {
    /// Whether this windowed stream runs on the session operator: event-time sessions with their
    /// default trigger, no evictor, and a reduce or aggregate function.
    var runsOnSessionOperator: Bool {
        specializedOperatorsAllowed && hasDefaultTrigger && !Evict.evicts && assigner.isEventTime
            && assigner.mergesTimeWindowsByIntersection && Assigner.W.self == TimeWindow.self
    }

    func sessionReduce(_ name: String, _ reduce: @escaping (Element, Element) throws -> Element) -> DataStream<Element>? {
        guard runsOnSessionOperator else { return nil }
        return sessionOperator(name, ReduceSliceAggregation(reduce), Element.streamSerializer)
    }

    func sessionAggregate<F: AggregateFunction, AS: Serializer>(
        _ name: String, _ function: F, _ accumulatorSerializer: AS
    ) -> DataStream<F.Output>? where F.Input == Element, AS.Value == F.Accumulator, F.Output: StreamSerializable {
        guard runsOnSessionOperator else { return nil }
        return sessionOperator(name, AggregateSliceAggregation(function), accumulatorSerializer)
    }

    private func sessionOperator<Agg: SliceAggregation, AS: Serializer>(
        _ name: String, _ aggregation: Agg, _ serializer: AS
    ) -> DataStream<Agg.Output> where Agg.Input == Element, AS.Value == Agg.Accumulator, Agg.Output: StreamSerializable {
        let key = keyed.key
        let assigner = self.assigner
        let settings = self.settings(name)
        return finish(keyed.addKeyedOperator(name) { context, backend, checkpointing, output in
            let owner = context.memory.register(owner: "job/\(context.jobID)/\(context.operatorID)/\(context.subtaskIndex)/session-table")
            context.addCleanup { owner.close() }
            let builder = SessionOperatorBuilder<Key, Assigner, Agg, AS>(
                assigner: assigner, aggregation: aggregation, serializer: serializer, memory: owner, output: output,
                metrics: context.metrics, settings: settings)
            let sessions = try withConcreteBackend(backend, builder)
            try checkpointing.attach(sessions.timers)
            if let restore = context.restore {
                try sessions.restore(from: restore.rawKeyedState(named: SessionSnapshotNames.table), storage: restore.storage)
            }
            return (keyedWindowInput(sessions, key: key, output: output, operatorName: context.operatorName), [sessions])
        })
    }
}

/// Builds a ``SessionWindowOperator`` once the backend's concrete type is known (inlinable, so
/// the program's module specializes its state for the program's types).
@usableFromInline
struct SessionOperatorBuilder<Key: Hashable, Assigner: WindowAssigner, Agg: SliceAggregation, AS: Serializer>: KeyedBackendConsumer
where Assigner.Element == Agg.Input, AS.Value == Agg.Accumulator {
    @usableFromInline let assigner: Assigner
    @usableFromInline let aggregation: Agg
    @usableFromInline let serializer: AS
    @usableFromInline let memory: MemoryOwner
    @usableFromInline let output: Output<Agg.Output>
    @usableFromInline let metrics: OperatorMetrics
    @usableFromInline let settings: WindowOperatorSettings

    @usableFromInline
    init(
        assigner: Assigner, aggregation: Agg, serializer: AS, memory: MemoryOwner, output: Output<Agg.Output>, metrics: OperatorMetrics,
        settings: WindowOperatorSettings
    ) {
        self.assigner = assigner
        self.aggregation = aggregation
        self.serializer = serializer
        self.memory = memory
        self.output = output
        self.metrics = metrics
        self.settings = settings
    }

    @inlinable
    func use<Backend: KeyedStateBackend>(_ backend: Backend) throws -> SessionWindowOperator<Key, Assigner, Agg, AS> where Backend.Key == Key {
        SessionWindowOperator(
            backend: backend, assigner: assigner, aggregation: aggregation,
            state: try SessionsState(backend: backend, accumulatorSerializer: serializer), accumulatorSerializer: serializer,
            memory: memory, output: output, metrics: metrics, settings: settings)
    }
}
