/// What every keyed state handle can do. A handle addresses the backend's current key (set by the
/// operator with ``KeyedStateBackend/setCurrentKey(_:)``) and the handle's current namespace.
///
/// Thread-safety: handles are confined to the task thread that owns their backend.
public protocol KeyedState: AnyObject {
    /// The state's name, unique within its backend.
    var name: String { get }
    /// Removes the value for the current key and namespace.
    /// - Throws: ``StateError`` when the backend fails.
    func clear() throws
}

/// A keyed state scoped by a namespace (a window, a slice); Flink's `InternalKvState`.
/// Un-namespaced state uses ``VoidNamespace`` and never needs to set it.
public protocol NamespacedState<Namespace>: KeyedState {
    associatedtype Namespace
    /// Sets the namespace later accesses address, until set again.
    func setCurrentNamespace(_ namespace: Namespace)
}
