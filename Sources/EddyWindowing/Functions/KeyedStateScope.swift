import EddyCore
import EddyState

/// Registers keyed state of the current key in namespace `N` (a window, or `VoidNamespace` for
/// per-key state), with the key type erased so triggers and window functions need not know it.
/// The window operator subclasses it over its backend (``BackendStateScope``); handles are cached
/// by name, so asking again per call is a dictionary lookup.
///
/// Thread-safety: the task thread only.
public class KeyedStateScope<N: Hashable> {
    @usableFromInline init() {}

    func valueState<S: Serializer>(_ descriptor: ValueStateDescriptor<S>) throws -> ValueStateHandle<N, S.Value> {
        fatalError("abstract")
    }
    func reducingState<S: Serializer>(_ descriptor: ReducingStateDescriptor<S>) throws -> ReducingStateHandle<N, S.Value> {
        fatalError("abstract")
    }
    func listState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws -> ListStateHandle<N, S.Value> {
        fatalError("abstract")
    }
    func mapState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>
    ) throws -> MapStateHandle<N, KS.Value, VS.Value> {
        fatalError("abstract")
    }
    func aggregatingState<F: AggregateFunction, AS: Serializer>(
        _ descriptor: AggregatingStateDescriptor<F, AS>
    ) throws -> AggregatingStateHandle<N, F.Input, F.Output> {
        fatalError("abstract")
    }
}

/// A ``KeyedStateScope`` over a keyed backend and a namespace serializer.
@usableFromInline
final class BackendStateScope<Key, NS: Serializer>: KeyedStateScope<NS.Value> where NS.Value: Hashable {
    let backend: any KeyedStateBackend<Key>
    let namespaceSerializer: NS
    private var handles: [String: AnyObject] = [:]

    @usableFromInline
    init(backend: any KeyedStateBackend<Key>, namespaceSerializer: NS) {
        self.backend = backend
        self.namespaceSerializer = namespaceSerializer
    }

    private func cached<H: AnyObject>(_ name: String, _ make: () throws -> H) throws -> H {
        if let handle = handles[name] {
            guard let typed = handle as? H else {
                throw StateError(.incompatible, "state '\(name)' is used with two different types (\(H.self) and \(type(of: handle)))")
            }
            return typed
        }
        let handle = try make()
        handles[name] = handle
        return handle
    }

    override func valueState<S: Serializer>(_ descriptor: ValueStateDescriptor<S>) throws -> ValueStateHandle<NS.Value, S.Value> {
        try cached(descriptor.name) { try backend.valueState(descriptor, namespaceSerializer: namespaceSerializer) }
    }
    override func reducingState<S: Serializer>(_ descriptor: ReducingStateDescriptor<S>) throws -> ReducingStateHandle<NS.Value, S.Value> {
        try cached(descriptor.name) { try backend.reducingState(descriptor, namespaceSerializer: namespaceSerializer) }
    }
    override func listState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws -> ListStateHandle<NS.Value, S.Value> {
        try cached(descriptor.name) { try backend.listState(descriptor, namespaceSerializer: namespaceSerializer) }
    }
    override func mapState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>
    ) throws -> MapStateHandle<NS.Value, KS.Value, VS.Value> {
        try cached(descriptor.name) { try backend.mapState(descriptor, namespaceSerializer: namespaceSerializer) }
    }
    override func aggregatingState<F: AggregateFunction, AS: Serializer>(
        _ descriptor: AggregatingStateDescriptor<F, AS>
    ) throws -> AggregatingStateHandle<NS.Value, F.Input, F.Output> {
        try cached(descriptor.name) { try backend.aggregatingState(descriptor, namespaceSerializer: namespaceSerializer) }
    }
}

extension KeyedStateScope {
    /// The handle of the state, pointed at `namespace`.
    func valueState<S: Serializer>(_ descriptor: ValueStateDescriptor<S>, in namespace: N) throws -> ValueStateHandle<N, S.Value> {
        let state = try valueState(descriptor)
        state.setCurrentNamespace(namespace)
        return state
    }

    func reducingState<S: Serializer>(_ descriptor: ReducingStateDescriptor<S>, in namespace: N) throws -> ReducingStateHandle<N, S.Value> {
        let state = try reducingState(descriptor)
        state.setCurrentNamespace(namespace)
        return state
    }

    func listState<S: Serializer>(_ descriptor: ListStateDescriptor<S>, in namespace: N) throws -> ListStateHandle<N, S.Value> {
        let state = try listState(descriptor)
        state.setCurrentNamespace(namespace)
        return state
    }

    func mapState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>, in namespace: N
    ) throws -> MapStateHandle<N, KS.Value, VS.Value> {
        let state = try mapState(descriptor)
        state.setCurrentNamespace(namespace)
        return state
    }
}
