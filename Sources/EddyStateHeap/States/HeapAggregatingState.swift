import EddyCore
import EddyState

/// Aggregating state on the heap: the accumulator per (key, namespace); `get()` returns the
/// function's result. An expired accumulator is not added to (unless the TTL's visibility
/// returns expired values); a new one is created instead.
///
/// Thread-safety: confined to the backend's task thread; the function runs on it.
final class HeapAggregatingState<KS: Serializer, NS: Serializer, F: AggregateFunction, AS: Serializer>:
    InternalAggregatingState
where KS.Value: Hashable, NS.Value: Hashable, AS.Value == F.Accumulator {
    typealias Namespace = NS.Value
    typealias Input = F.Input
    typealias Output = F.Output

    let table: HeapStateTable<KS, NS, ValueEntryCodec<AS>>
    let function: F
    private var namespace: NS.Value?

    init(table: HeapStateTable<KS, NS, ValueEntryCodec<AS>>, function: F) {
        self.table = table
        self.function = function
        namespace = initialNamespace(NS.Value.self)
    }

    var name: String { table.name }

    func setCurrentNamespace(_ namespace: NS.Value) { self.namespace = namespace }

    @inline(__always)
    private var currentNamespace: NS.Value {
        guard let namespace else { namespaceNotSet(name) }
        return namespace
    }

    func get() -> F.Output? {
        table.read(currentNamespace) { $0.timestamp = $1 }.map { function.result(of: $0.value) }
    }

    /// - Complexity: O(1): one lookup, one `add`, one update.
    func add(_ value: F.Input) {
        let namespace = currentNamespace
        let accumulator = table.read(namespace, refresh: nil)?.value ?? function.createAccumulator()
        table.write(Timestamped(function.add(value, to: accumulator), table.writeTimestamp()), namespace)
    }

    func clear() { table.remove(currentNamespace) }
}
