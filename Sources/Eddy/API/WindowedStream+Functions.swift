import EddyCore
import EddyRuntime
import EddyState
import EddyWindowing

extension WindowedStream {
    /// Reduces each window's elements with `reduce` (associative), incrementally as they arrive,
    /// and emits the result when the window fires, with the window's max timestamp.
    public func reduce(_ reduce: @escaping (Element, Element) throws -> Element, name: String = "window-reduce") -> DataStream<Element> {
        if Evict.evicts {
            return generalOperator(name, EvictingContentsFactory(serializer: Element.streamSerializer, evictor: windowEvictor)) {
                ReduceElementsResult(reduce: reduce, then: PassThroughResult<Element, Key, Assigner.W>())
            }
        }
        if let sliced = slicedReduce(name, reduce) { return sliced }
        if let sessions = sessionReduce(name, reduce) { return sessions }
        return generalOperator(name, ReducingContentsFactory<Element.StreamSerializer, Assigner.W>(serializer: Element.streamSerializer, reduce: reduce)) {
            PassThroughResult<Element, Key, Assigner.W>()
        }
    }

    /// Reduces incrementally, then hands the one reduced value to a process function with the
    /// window's context (Flink's `reduce(ReduceFunction, ProcessWindowFunction)`).
    public func reduce<P: ProcessWindowFunction>(
        _ reduce: @escaping (Element, Element) throws -> Element, process makeFunction: @escaping () -> P, name: String = "window-reduce"
    ) -> DataStream<P.Out> where P.Input == Element, P.Key == Key, P.W == Assigner.W, P.Out: StreamSerializable {
        if Evict.evicts {
            return generalOperator(name, EvictingContentsFactory(serializer: Element.streamSerializer, evictor: windowEvictor)) {
                ReduceElementsResult(reduce: reduce, then: ProcessSingleResult(makeFunction()))
            }
        }
        return generalOperator(name, ReducingContentsFactory<Element.StreamSerializer, Assigner.W>(serializer: Element.streamSerializer, reduce: reduce)) {
            ProcessSingleResult(makeFunction())
        }
    }

    /// Aggregates each window incrementally with `function` and emits its result.
    public func aggregate<F: AggregateFunction>(
        _ function: F, name: String = "window-aggregate"
    ) -> DataStream<F.Output> where F.Input == Element, F.Accumulator: StreamSerializable, F.Output: StreamSerializable {
        aggregate(function, accumulatorSerializer: F.Accumulator.streamSerializer, name: name)
    }

    /// Aggregates each window incrementally, its accumulator written with `accumulatorSerializer`.
    public func aggregate<F: AggregateFunction, AS: Serializer>(
        _ function: F, accumulatorSerializer: AS, name: String = "window-aggregate"
    ) -> DataStream<F.Output> where F.Input == Element, AS.Value == F.Accumulator, F.Output: StreamSerializable {
        if Evict.evicts {
            return generalOperator(name, EvictingContentsFactory(serializer: Element.streamSerializer, evictor: windowEvictor)) {
                AggregateElementsResult(function, then: PassThroughResult<F.Output, Key, Assigner.W>())
            }
        }
        if let sliced = slicedAggregate(name, function, accumulatorSerializer) { return sliced }
        if let sessions = sessionAggregate(name, function, accumulatorSerializer) { return sessions }
        return generalOperator(name, AggregatingContentsFactory<F, AS, Assigner.W>(function: function, accumulatorSerializer: accumulatorSerializer)) {
            PassThroughResult<F.Output, Key, Assigner.W>()
        }
    }

    /// Aggregates incrementally, then hands the result to a process function.
    public func aggregate<F: AggregateFunction, P: ProcessWindowFunction>(
        _ function: F, process makeFunction: @escaping () -> P, name: String = "window-aggregate"
    ) -> DataStream<P.Out>
    where F.Input == Element, F.Accumulator: StreamSerializable, P.Input == F.Output, P.Key == Key, P.W == Assigner.W, P.Out: StreamSerializable {
        if Evict.evicts {
            return generalOperator(name, EvictingContentsFactory(serializer: Element.streamSerializer, evictor: windowEvictor)) {
                AggregateElementsResult(function, then: ProcessSingleResult(makeFunction()))
            }
        }
        let factory = AggregatingContentsFactory<F, F.Accumulator.StreamSerializer, Assigner.W>(
            function: function, accumulatorSerializer: F.Accumulator.streamSerializer)
        return generalOperator(name, factory) { ProcessSingleResult(makeFunction()) }
    }

    /// Hands all of a window's elements to a process function when it fires.
    public func process<P: ProcessWindowFunction>(
        name: String = "window-process", _ makeFunction: @escaping () -> P
    ) -> DataStream<P.Out> where P.Input == Element, P.Key == Key, P.W == Assigner.W, P.Out: StreamSerializable {
        if Evict.evicts {
            return generalOperator(name, EvictingContentsFactory(serializer: Element.streamSerializer, evictor: windowEvictor)) {
                ProcessAllResult(makeFunction())
            }
        }
        return generalOperator(name, ListContentsFactory<Element.StreamSerializer, Assigner.W>(serializer: Element.streamSerializer)) {
            ProcessAllResult(makeFunction())
        }
    }
}
