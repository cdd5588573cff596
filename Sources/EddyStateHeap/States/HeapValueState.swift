import EddyCore
import EddyState

/// Value state on the heap: one ``Timestamped`` value per (key, namespace).
///
/// Inlinable (see ``StateKey``): the ``ValueStateHandle`` closures specialize these methods, and the
/// table's, for the caller's key and value types.
///
/// Thread-safety: confined to the backend's task thread.
@usableFromInline
final class HeapValueState<KS: Serializer, NS: Serializer, S: Serializer>: InternalValueState
where KS.Value: Hashable, NS.Value: Hashable {
    @usableFromInline typealias Namespace = NS.Value
    @usableFromInline typealias Value = S.Value

    @usableFromInline let table: HeapStateTable<KS, NS, ValueEntryCodec<S>>
    @usableFromInline let defaultValue: S.Value?
    /// Unchecked exclusivity as ``HeapKeyContext``'s fields.
    @usableFromInline @exclusivity(unchecked) var namespace: NS.Value?

    @usableFromInline
    init(table: HeapStateTable<KS, NS, ValueEntryCodec<S>>, defaultValue: S.Value?) {
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

    /// - Complexity: O(1), one dictionary lookup (plus the TTL cleanup step for TTL states).
    @inlinable
    func value() -> S.Value? {
        table.read(currentNamespace) { $0.timestamp = $1 }?.value ?? defaultValue
    }

    /// - Complexity: O(1), one dictionary update.
    @inlinable
    func update(_ value: S.Value?) {
        guard let value else { return table.remove(currentNamespace) }
        table.write(Timestamped(value, table.writeTimestamp()), currentNamespace)
    }

    @inlinable
    func clear() { table.remove(currentNamespace) }

    /// The handle handed out: closures calling these methods directly, so that they specialize and
    /// inline where the registration is specialized (a call through the internal conformance to
    /// ``InternalValueState`` would run the unspecialized generic methods).
    @inlinable
    func makeHandle() -> ValueStateHandle<NS.Value, S.Value> {
        ValueStateHandle(
            name: name, read: { self.value() }, write: { self.update($0) }, remove: { self.clear() },
            scope: { self.setCurrentNamespace($0) })
    }
}
