import EddyCore
import EddyState

/// Keeps one accumulator per window in value state, as Flink's aggregating window state; a
/// firing hands on the function's result. Accumulators of merged windows are merged with the
/// function's `merge`, which an `AggregatingState` handle (input in, result out) could not do.
public final class AggregatingWindowContents<F: AggregateFunction, W: Window>: WindowContents {
    @usableFromInline let state: ValueStateHandle<W, F.Accumulator>
    @usableFromInline let function: F

    @inlinable
    public init<B: KeyedStateBackend, WS: Serializer, AS: Serializer>(
        backend: B, windowSerializer: WS, accumulatorSerializer: AS, function: F
    ) throws where WS.Value == W, AS.Value == F.Accumulator {
        state = try backend.valueState(
            ValueStateDescriptor(name: WindowStateNames.contents, serializer: accumulatorSerializer),
            namespaceSerializer: windowSerializer)
        self.function = function
    }

    public func setWindow(_ window: W) { state.setCurrentNamespace(window) }

    public func add(_ value: F.Input, timestamp: Int64?) throws {
        try state.update(function.add(value, to: try state.value() ?? function.createAccumulator()))
    }

    public func emit(window: W, context: EvictorContext, _ use: (F.Output) throws -> Void) throws {
        if let accumulator = try state.value() { try use(function.result(of: accumulator)) }
    }

    public func clear() throws { try state.clear() }

    public func merge(_ sources: [W], into target: W) throws {
        var merged: F.Accumulator?
        for source in sources {
            state.setCurrentNamespace(source)
            guard let accumulator = try state.value() else { continue }
            try state.clear()
            merged = merged.map { function.merge($0, accumulator) } ?? accumulator
        }
        state.setCurrentNamespace(target)
        guard let merged else { return }
        try state.update(try state.value().map { function.merge($0, merged) } ?? merged)
    }
}
