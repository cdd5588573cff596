import EddyCore
import EddyState

/// Reducing state on the heap: the reduced value per (key, namespace). An expired value is not
/// reduced into (unless the TTL's visibility returns expired values).
///
/// Thread-safety: confined to the backend's task thread; `reduce` runs on it.
final class HeapReducingState<KS: Serializer, NS: Serializer, S: Serializer>: InternalReducingState
where KS.Value: Hashable, NS.Value: Hashable {
    typealias Namespace = NS.Value
    typealias Value = S.Value

    let table: HeapStateTable<KS, NS, ValueEntryCodec<S>>
    let reduce: @Sendable (S.Value, S.Value) -> S.Value
    private var namespace: NS.Value?

    init(table: HeapStateTable<KS, NS, ValueEntryCodec<S>>, reduce: @escaping @Sendable (S.Value, S.Value) -> S.Value) {
        self.table = table
        self.reduce = reduce
        namespace = initialNamespace(NS.Value.self)
    }

    var name: String { table.name }

    func setCurrentNamespace(_ namespace: NS.Value) { self.namespace = namespace }

    @inline(__always)
    private var currentNamespace: NS.Value {
        guard let namespace else { namespaceNotSet(name) }
        return namespace
    }

    func get() -> S.Value? {
        table.read(currentNamespace) { $0.timestamp = $1 }?.value
    }

    /// - Complexity: O(1): one lookup, one `reduce`, one update.
    func add(_ value: S.Value) {
        let namespace = currentNamespace
        // The write refreshes the timestamp anyway, so the read need not.
        let reduced = table.read(namespace, refresh: nil).map { reduce($0.value, value) } ?? value
        table.write(Timestamped(reduced, table.writeTimestamp()), namespace)
    }

    func clear() { table.remove(currentNamespace) }
}
