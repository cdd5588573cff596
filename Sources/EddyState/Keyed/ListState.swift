/// A list per key and namespace. With a TTL, each element expires on its own.
public protocol ListState<Element>: KeyedState {
    associatedtype Element
    /// The elements in insertion order; empty when there are none.
    func get() throws -> [Element]
    /// Appends one element. RocksDB: a blind merge, no read.
    func add(_ element: Element) throws
    /// Appends the elements in order.
    func addAll(_ elements: [Element]) throws
    /// Replaces the list; an empty array clears it.
    func update(_ elements: [Element]) throws
}

public protocol InternalListState<Namespace, Element>: ListState, NamespacedState {}
