import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import EddyWindowing

extension WindowedStream {
    /// The slices of this window, when it runs on the slicing operator: an aligned event-time
    /// assigner with its default trigger, no evictor, and keys of at most 8 serialized bytes (as
    /// Flink's table runtime picks its slicing window operators).
    var slicingLayout: SliceLayout? {
        guard specializedOperatorsAllowed, hasDefaultTrigger, !Evict.evicts, let layout = assigner.sliceLayout,
              let keySize = Key.streamSerializer.fixedSize, keySize <= 8
        else { return nil }
        return layout
    }

    func slicedReduce(_ name: String, _ reduce: @escaping (Element, Element) throws -> Element) -> DataStream<Element>? {
        guard let layout = slicingLayout else { return nil }
        return slicingOperator(name, layout, ReduceSliceAggregation(reduce), Element.streamSerializer)
    }

    func slicedAggregate<F: AggregateFunction, AS: Serializer>(
        _ name: String, _ function: F, _ accumulatorSerializer: AS
    ) -> DataStream<F.Output>? where F.Input == Element, AS.Value == F.Accumulator, F.Output: StreamSerializable {
        guard let layout = slicingLayout else { return nil }
        return slicingOperator(name, layout, AggregateSliceAggregation(function), accumulatorSerializer)
    }

    /// Adds a ``SlicingWindowOperator``: binary segment tables for accumulators of a fixed size,
    /// drawn from an owner of the job's memory budget; dictionaries for the others.
    private func slicingOperator<Agg: SliceAggregation, AS: Serializer>(
        _ name: String, _ layout: SliceLayout, _ aggregation: Agg, _ serializer: AS
    ) -> DataStream<Agg.Output> where Agg.Input == Element, AS.Value == Agg.Accumulator, Agg.Output: StreamSerializable {
        let key = keyed.key
        let settings = self.settings(name)
        return finish(keyed.addKeyedOperator(name) { context, backend, _, output in
            let owner = context.memory.register(owner: "job/\(context.jobID)/\(context.operatorID)/\(context.subtaskIndex)/window-slices")
            context.addCleanup { owner.close() }
            func connect<P: SlicePartials>(_ makePartials: @escaping () -> P) throws -> (Output<Element>, [OperatorLifecycle])
            where P.Accumulator == Agg.Accumulator {
                let builder = SlicingOperatorBuilder<Key, Agg, AS, P>(
                    layout: layout, aggregation: aggregation, serializer: serializer, makePartials: makePartials, output: output,
                    metrics: context.metrics, settings: settings)
                let slicing: SlicingWindowOperator<Key, Agg, P> = try withConcreteBackend(backend, builder)
                if let restore = context.restore {
                    try slicing.restore(from: restore.rawKeyedState(named: SlicingSnapshotNames.slices), storage: restore.storage)
                }
                let input = keyedWindowInput(slicing, key: key, output: output, operatorName: context.operatorName)
                return (input, [slicing])
            }
            if let size = serializer.fixedSize {
                return try connect { BinarySlicePartials(table: SegmentSliceTable(valueSize: size, owner: owner), serializer: serializer) }
            }
            return try connect { DictionarySlicePartials<Agg.Accumulator>() }
        })
    }
}

/// Builds a ``SlicingWindowOperator`` once the backend's concrete type is known.
struct SlicingOperatorBuilder<Key: Hashable, Agg: SliceAggregation, AS: Serializer, Partials: SlicePartials>: KeyedBackendConsumer
where AS.Value == Agg.Accumulator, Partials.Accumulator == Agg.Accumulator {
    let layout: SliceLayout
    let aggregation: Agg
    let serializer: AS
    let makePartials: () -> Partials
    let output: Output<Agg.Output>
    let metrics: OperatorMetrics
    let settings: WindowOperatorSettings

    func use<Backend: KeyedStateBackend>(_ backend: Backend) throws -> SlicingWindowOperator<Key, Agg, Partials> where Backend.Key == Key {
        try SlicingWindowOperator(
            backend: backend, layout: layout, aggregation: aggregation, accumulatorSerializer: serializer, makePartials: makePartials,
            output: output, metrics: metrics, settings: settings)
    }
}
