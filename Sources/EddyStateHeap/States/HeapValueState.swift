import EddyCore
import EddyState

/// Value state on the heap: one ``Timestamped`` value per (key, namespace).
///
/// Thread-safety: confined to the backend's task thread.
final class HeapValueState<KS: Serializer, NS: Serializer, S: Serializer>: InternalValueState
where KS.Value: Hashable, NS.Value: Hashable {
    typealias Namespace = NS.Value
    typealias Value = S.Value

    let table: HeapStateTable<KS, NS, ValueEntryCodec<S>>
    let defaultValue: S.Value?
    private var namespace: NS.Value?

    init(table: HeapStateTable<KS, NS, ValueEntryCodec<S>>, defaultValue: S.Value?) {
        self.table = table
        self.defaultValue = defaultValue
        namespace = initialNamespace(NS.Value.self)
    }

    var name: String { table.name }

    func setCurrentNamespace(_ namespace: NS.Value) { self.namespace = namespace }

    @inline(__always)
    private var currentNamespace: NS.Value {
        guard let namespace else { namespaceNotSet(name) }
        return namespace
    }

    /// - Complexity: O(1), one dictionary lookup (plus the TTL cleanup step for TTL states).
    func value() -> S.Value? {
        table.read(currentNamespace) { $0.timestamp = $1 }?.value ?? defaultValue
    }

    /// - Complexity: O(1), one dictionary update.
    func update(_ value: S.Value?) {
        guard let value else { return table.remove(currentNamespace) }
        table.write(Timestamped(value, table.writeTimestamp()), currentNamespace)
    }

    func clear() { table.remove(currentNamespace) }
}
