import EddyCore
import EddyState

/// Value state on the heap: one value per (key, namespace), bare or with its TTL timestamp as
/// the codec `C` stores it (``SingleValueCodec``).
///
/// Inlinable (see ``StateKey``): the ``ValueStateHandle`` closures specialize these methods, and the
/// table's, for the caller's key and value types.
///
/// Thread-safety: confined to the backend's task thread.
@usableFromInline
final class HeapValueState<KS: Serializer, NS: Serializer, C: SingleValueCodec>: InternalValueState
where KS.Value: Hashable, NS.Value: Hashable {
    @usableFromInline typealias Namespace = NS.Value
    @usableFromInline typealias Value = C.Value

    @usableFromInline let table: HeapStateTable<KS, NS, C>
    @usableFromInline let defaultValue: C.Value?
    /// Unchecked exclusivity as ``HeapKeyContext``'s fields.
    @usableFromInline @exclusivity(unchecked) var namespace: NS.Value?

    @usableFromInline
    init(table: HeapStateTable<KS, NS, C>, defaultValue: C.Value?) {
        self.table = table
        self.defaultValue = defaultValue
        namespace = initialNamespace(NS.Value.self)
    }

    @usableFromInline var name: String { table.name }

    @inlinable
    func setCurrentNamespace(_ namespace: NS.Value) { self.namespace = namespace }

    @inlinable
    var currentNamespace: NS.Value {
        guard let namespace else { namespaceNotSet(name) }
        return namespace
    }

    /// - Complexity: O(1), one table lookup (plus the TTL cleanup step for TTL states).
    // Always inlined, as `update` and the table's `readValue` and `write`: each handle closure is
    // then one function, with no register saves and reloads of nested calls around the cache miss
    // (an update measured ~6 M ops/s with a call left in the closure, ~9 M without).
    @inlinable @inline(__always)
    func value() -> C.Value? {
        guard let entry = table.readValue(currentNamespace) else { return defaultValue }
        return table.codec.value(of: entry)
    }

    /// - Complexity: O(1), one table update.
    @inlinable @inline(__always)
    func update(_ value: C.Value?) {
        guard let value else { return table.remove(currentNamespace) }
        table.write(table.codec.entry(value, timestamp: table.writeTimestamp()), currentNamespace)
    }

    @inlinable
    func clear() { table.remove(currentNamespace) }

    /// The handle handed out: closures calling these methods directly, so that they specialize and
    /// inline where the registration is specialized (a call through the internal conformance to
    /// ``InternalValueState`` would run the unspecialized generic methods).
    @inlinable
    func makeHandle() -> ValueStateHandle<NS.Value, C.Value> {
        ValueStateHandle(
            name: name, read: { self.value() }, write: { self.update($0) }, remove: { self.clear() },
            scope: { self.setCurrentNamespace($0) })
    }
}
