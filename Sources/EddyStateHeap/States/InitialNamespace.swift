import EddyState

/// The namespace a new state handle starts with: ``VoidNamespace`` for un-namespaced state, so it
/// never needs `setCurrentNamespace`; nil (set before use) for any other namespace type.
@usableFromInline
func initialNamespace<N>(_ type: N.Type) -> N? { VoidNamespace() as? N }

/// Traps when a namespaced state is used before its namespace was set (misuse, a precondition).
@usableFromInline @inline(never)
func namespaceNotSet(_ state: String) -> Never {
    preconditionFailure("state '\(state)' used before setCurrentNamespace")
}
