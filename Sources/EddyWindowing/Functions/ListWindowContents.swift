import EddyCore
import EddyState

/// Keeps every element of a window in list state, for process functions over whole windows.
public final class ListWindowContents<Value, W: Window>: WindowContents {
    @usableFromInline let state: ListStateHandle<W, Value>

    @inlinable
    public init<B: KeyedStateBackend, WS: Serializer, S: Serializer>(
        backend: B, windowSerializer: WS, elementSerializer: S
    ) throws where WS.Value == W, S.Value == Value {
        state = try backend.listState(
            ListStateDescriptor(name: WindowStateNames.contents, elementSerializer: elementSerializer),
            namespaceSerializer: windowSerializer)
    }

    public func setWindow(_ window: W) { state.setCurrentNamespace(window) }
    public func add(_ value: Value, timestamp: Int64?) throws { try state.add(value) }

    public func emit(window: W, context: EvictorContext, _ use: ([Value]) throws -> Void) throws {
        let elements = try state.get()
        if !elements.isEmpty { try use(elements) }
    }

    public func clear() throws { try state.clear() }
    public func merge(_ sources: [W], into target: W) throws { try mergeLists(state, sources, into: target) }
}

/// Appends the lists of `sources` to `target`'s, clearing theirs.
func mergeLists<W, Element>(_ state: ListStateHandle<W, Element>, _ sources: [W], into target: W) throws {
    var merged: [Element] = []
    for source in sources {
        state.setCurrentNamespace(source)
        merged += try state.get()
        try state.clear()
    }
    state.setCurrentNamespace(target)
    if !merged.isEmpty { try state.addAll(merged) }
}
