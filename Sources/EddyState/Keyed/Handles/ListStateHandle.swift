/// A list state as backends hand it out (see ``ValueStateHandle`` for why closures).
///
/// Thread-safety: confined to the task thread.
public final class ListStateHandle<Namespace, Element>: InternalListState {
    public let name: String
    @usableFromInline let read: () throws -> [Element]
    @usableFromInline let append: (Element) throws -> Void
    @usableFromInline let appendAll: ([Element]) throws -> Void
    @usableFromInline let replace: ([Element]) throws -> Void
    @usableFromInline let remove: () throws -> Void
    @usableFromInline let scope: (Namespace) -> Void

    @inlinable
    public init<S: InternalListState>(_ state: S) where S.Namespace == Namespace, S.Element == Element {
        name = state.name
        read = { try state.get() }
        append = { try state.add($0) }
        appendAll = { try state.addAll($0) }
        replace = { try state.update($0) }
        remove = { try state.clear() }
        scope = { state.setCurrentNamespace($0) }
    }

    @inlinable public func get() throws -> [Element] { try read() }
    @inlinable public func add(_ element: Element) throws { try append(element) }
    @inlinable public func addAll(_ elements: [Element]) throws { try appendAll(elements) }
    @inlinable public func update(_ elements: [Element]) throws { try replace(elements) }
    @inlinable public func clear() throws { try remove() }
    @inlinable public func setCurrentNamespace(_ namespace: Namespace) { scope(namespace) }
}
