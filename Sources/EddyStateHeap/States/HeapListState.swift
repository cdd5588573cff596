import EddyCore
import EddyState

/// List state on the heap: an array of ``Timestamped`` elements per (key, namespace); with a TTL
/// each element expires on its own.
///
/// Thread-safety: confined to the backend's task thread.
final class HeapListState<KS: Serializer, NS: Serializer, S: Serializer>: InternalListState
where KS.Value: Hashable, NS.Value: Hashable {
    typealias Namespace = NS.Value
    typealias Element = S.Value

    let table: HeapStateTable<KS, NS, ListEntryCodec<S>>
    private var namespace: NS.Value?

    init(table: HeapStateTable<KS, NS, ListEntryCodec<S>>) {
        self.table = table
        namespace = initialNamespace(NS.Value.self)
    }

    var name: String { table.name }

    func setCurrentNamespace(_ namespace: NS.Value) { self.namespace = namespace }

    @inline(__always)
    private var currentNamespace: NS.Value {
        guard let namespace else { namespaceNotSet(name) }
        return namespace
    }

    /// - Complexity: O(n) to copy the elements out.
    func get() -> [S.Value] {
        let elements = table.read(currentNamespace) { elements, now in
            for index in elements.indices { elements[index].timestamp = now }
        }
        return elements?.map(\.value) ?? []
    }

    /// - Complexity: amortized O(1), an append in place.
    func add(_ element: S.Value) {
        let timestamp = table.writeTimestamp()
        table.modify(currentNamespace, default: []) { $0.append(Timestamped(element, timestamp)) }
    }

    func addAll(_ elements: [S.Value]) {
        guard !elements.isEmpty else { return }
        let timestamp = table.writeTimestamp()
        table.modify(currentNamespace, default: []) { list in
            list.append(contentsOf: elements.lazy.map { Timestamped($0, timestamp) })
        }
    }

    func update(_ elements: [S.Value]) {
        guard !elements.isEmpty else { return table.remove(currentNamespace) }
        let timestamp = table.writeTimestamp()
        table.write(elements.map { Timestamped($0, timestamp) }, currentNamespace)
    }

    func clear() { table.remove(currentNamespace) }
}
