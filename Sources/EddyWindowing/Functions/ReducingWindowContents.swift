import EddyCore
import EddyState

/// Keeps one reduced value per window in value state: each element is folded in as it arrives.
///
/// A value state rather than a reducing state: the heap backend's value state is the path
/// specialized for the caller's types, and the operator folds with the user's throwing function.
public final class ReducingWindowContents<Value, W: Window>: WindowContents {
    @usableFromInline let state: ValueStateHandle<W, Value>
    @usableFromInline let reduce: (Value, Value) throws -> Value

    /// Registers the window state on `backend` (call with the backend's concrete type, so the
    /// handle runs specialized code).
    @inlinable
    public init<B: KeyedStateBackend, WS: Serializer, S: Serializer>(
        backend: B, windowSerializer: WS, valueSerializer: S, reduce: @escaping (Value, Value) throws -> Value
    ) throws where WS.Value == W, S.Value == Value {
        state = try backend.valueState(
            ValueStateDescriptor(name: WindowStateNames.contents, serializer: valueSerializer), namespaceSerializer: windowSerializer)
        self.reduce = reduce
    }

    public func setWindow(_ window: W) { state.setCurrentNamespace(window) }

    public func add(_ value: Value, timestamp: Int64?) throws {
        try state.update(try state.value().map { try reduce($0, value) } ?? value)
    }

    public func emit(window: W, context: EvictorContext, _ use: (Value) throws -> Void) throws {
        if let value = try state.value() { try use(value) }
    }

    public func clear() throws { try state.clear() }

    public func merge(_ sources: [W], into target: W) throws {
        var merged: Value?
        for source in sources {
            state.setCurrentNamespace(source)
            guard let value = try state.value() else { continue }
            try state.clear()
            merged = try merged.map { try reduce($0, value) } ?? value
        }
        state.setCurrentNamespace(target)
        if let merged { try add(merged, timestamp: nil) }
    }
}
