import EddyCore
import EddyState

/// Keeps every element of a window with its timestamp, for an evictor (Flink's
/// `EvictingWindowOperator`): a firing evicts, hands the rest to the function, evicts again and
/// stores what remains.
public final class EvictingWindowContents<E: Evictor>: WindowContents {
    public typealias W = E.W
    @usableFromInline let state: ListStateHandle<W, TimestampedValue<E.Element>>
    @usableFromInline let evictor: E

    @inlinable
    public init<B: KeyedStateBackend, WS: Serializer, S: Serializer>(
        backend: B, windowSerializer: WS, elementSerializer: S, evictor: E
    ) throws where WS.Value == W, S.Value == E.Element {
        state = try backend.listState(
            ListStateDescriptor(name: WindowStateNames.contents, elementSerializer: TimestampedValueSerializer(elementSerializer)),
            namespaceSerializer: windowSerializer)
        self.evictor = evictor
    }

    public func setWindow(_ window: W) { state.setCurrentNamespace(window) }
    public func add(_ value: E.Element, timestamp: Int64?) throws { try state.add(TimestampedValue(value, timestamp: timestamp)) }

    public func emit(window: W, context: EvictorContext, _ use: ([E.Element]) throws -> Void) throws {
        var elements = try state.get()
        guard !elements.isEmpty else { return }
        let before = elements.count
        evictor.evictBefore(&elements, window: window, context: context)
        try use(elements.map(\.value))
        evictor.evictAfter(&elements, window: window, context: context)
        if elements.count != before { try state.update(elements) }
    }

    public func clear() throws { try state.clear() }
    public func merge(_ sources: [W], into target: W) throws { try mergeLists(state, sources, into: target) }
}
