import EddyCore

/// Keyed state of one operator subtask: the states it registered, for the key groups it owns.
/// Flink's `CheckpointableKeyedStateBackend`. Implementations: heap, filesystem, RocksDB.
///
/// Use: the operator sets the current key per record (``setCurrentKey(_:)``, which computes its key
/// group once), then reads and writes state handles made from descriptors. State is addressed by
/// (key group, key, namespace[, map key]).
///
/// Thread-safety: a backend and its handles are confined to the task thread, except the
/// asynchronous part of a snapshot (``SnapshotInProgress``), which runs on another thread against
/// an isolated view of the state.
public protocol KeyedStateBackend<Key>: AnyObject {
    associatedtype Key
    associatedtype KeySerializer: Serializer where KeySerializer.Value == Key

    var keySerializer: KeySerializer { get }
    /// The key groups this subtask owns.
    var keyGroupRange: KeyGroupRange { get }
    var maxParallelism: Int { get }

    /// Sets the key that state accesses address and computes its key group.
    /// - Precondition: the key's group is in ``keyGroupRange``.
    func setCurrentKey(_ key: Key)
    var currentKey: Key? { get }
    var currentKeyGroup: Int { get }

    /// Creates the state, or returns the one registered under the descriptor's name. A state
    /// restored from a snapshot is checked against the descriptor (kind, TTL) here. The handle runs
    /// the backend's code specialized for the descriptor's types when this is called on a concrete
    /// backend type (see ``KeyedBackendConsumer``).
    /// - Throws: ``StateError`` (`.incompatible`) when the name is taken by another kind of state.
    func valueState<NS: Serializer, S: Serializer>(
        _ descriptor: ValueStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ValueStateHandle<NS.Value, S.Value> where NS.Value: Hashable

    func listState<NS: Serializer, S: Serializer>(
        _ descriptor: ListStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ListStateHandle<NS.Value, S.Value> where NS.Value: Hashable

    func mapState<NS: Serializer, KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>, namespaceSerializer: NS
    ) throws -> MapStateHandle<NS.Value, KS.Value, VS.Value> where NS.Value: Hashable

    func reducingState<NS: Serializer, S: Serializer>(
        _ descriptor: ReducingStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ReducingStateHandle<NS.Value, S.Value> where NS.Value: Hashable

    func aggregatingState<NS: Serializer, F: AggregateFunction, AS: Serializer>(
        _ descriptor: AggregatingStateDescriptor<F, AS>, namespaceSerializer: NS
    ) throws -> AggregatingStateHandle<NS.Value, F.Input, F.Output> where NS.Value: Hashable

    /// The keys that have a value in state `stateName` under `namespace` (window and timer code).
    func keys<N: Hashable>(stateName: String, namespace: N) throws -> [Key]

    /// The keys with any state in key group `keyGroup`.
    func keys(inKeyGroup keyGroup: Int) throws -> [Key]

    /// Takes a snapshot: the synchronous part runs now, in the task thread, and is short; the
    /// returned value's ``SnapshotInProgress/run()`` writes it out, on any thread, while the task
    /// goes on writing state.
    func snapshot(
        checkpointID: Int64, kind: SnapshotKind, location: CheckpointStorageLocation
    ) throws -> SnapshotInProgress

    /// The checkpoint is complete: earlier incremental state no longer needed may be released.
    func notifyCheckpointComplete(_ checkpointID: Int64)

    /// Releases everything: files of the working directory, native handles, memory.
    func dispose()
}

/// What a snapshot is for.
public enum SnapshotKind: String, Sendable, Hashable, Codable {
    /// A checkpoint in the backend's own, possibly incremental, format.
    case checkpoint
    /// A savepoint in the canonical, backend-independent format (restores into any backend).
    case canonicalSavepoint
}
