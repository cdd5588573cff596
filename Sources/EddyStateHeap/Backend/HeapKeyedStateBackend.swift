import EddyCore
import EddyState

/// Keyed state as Swift objects in memory, one copy-on-write table per key group and state (Flink's
/// `HeapKeyedStateBackend` with `CopyOnWriteStateTable`). Checkpoints are full (``SnapshotMode/full``,
/// the "heap" backend) or write only the entries changed since the last completed checkpoint, as
/// per-key-group delta files on top of base files (``SnapshotMode/incremental``, the "filesystem"
/// backend). Snapshot files are key-group state
/// files in ``CanonicalStateFormat``; restore accepts any number of key-group handles (rescaling)
/// and decodes each state lazily when it is registered.
///
/// Values are held as they are, not copied: they should be value types or immutable objects, since
/// a snapshot's asynchronous part reads them while the task goes on.
///
/// Thread-safety: confined to the task thread, except the asynchronous part of a snapshot
/// (``SnapshotInProgress/run()``), which runs on any thread against copy-on-write copies.
public final class HeapKeyedStateBackend<KS: Serializer>: KeyedStateBackend where KS.Value: Hashable {
    public typealias Key = KS.Value
    public typealias KeySerializer = KS

    /// A registered state: its table (for snapshots and key listing) and the handle handed out.
    struct Registered {
        let table: any HeapRegisteredTable<KS.Value>
        let handle: AnyObject
    }

    @usableFromInline let parameters: KeyedBackendParameters<KS>
    public let mode: SnapshotMode
    @usableFromInline let context: HeapKeyContext<KS.Value>
    var registered: [String: Registered] = [:]
    /// Registration order, so snapshot files list states deterministically.
    var registrationOrder: [String] = []
    /// States restored but not registered yet.
    var restored: [String: RestoredState]
    let incremental: IncrementalSnapshotTracker
    var isDisposed = false

    /// Creates a backend, restoring from `handles` when given.
    /// - Parameters:
    ///   - parameters: who the backend belongs to, its key groups, storage and clock.
    ///   - mode: full ("heap") or incremental ("filesystem") checkpoints.
    ///   - handles: snapshots to restore; several when rescaling merges old subtasks' state. Only
    ///     the key groups of `parameters.keyGroupRange` are kept.
    /// - Throws: ``StateError`` when a file is missing, corrupt or incompatible (RocksDB-native
    ///   handles are); nothing is restored then.
    public init(parameters: KeyedBackendParameters<KS>, mode: SnapshotMode, restoring handles: [KeyedStateHandle] = []) throws {
        self.parameters = parameters
        self.mode = mode
        context = HeapKeyContext(keyGroupRange: parameters.keyGroupRange, clock: parameters.clock)
        incremental = IncrementalSnapshotTracker(keyGroupCount: parameters.keyGroupRange.count)
        let result = try HeapRestoreOperation(
            keyGroupRange: parameters.keyGroupRange, maxParallelism: parameters.maxParallelism,
            storage: parameters.restoreStorage ?? parameters.storage
        ).run(handles)
        restored = result.states
        // Restored groups are referenced from their old shared chains until written to (from then
        // on changed keys are tracked, for deltas on top of them); any other restored group has no
        // chain, so the first incremental checkpoint writes a base for it.
        if mode == .incremental, !result.reusableChains.isEmpty {
            for (index, chain) in result.reusableChains { incremental.committed[index] = chain }
            context.tracksKeys = true
        }
    }

    public var keySerializer: KS { parameters.keySerializer }
    public var keyGroupRange: KeyGroupRange { parameters.keyGroupRange }
    public var maxParallelism: Int { parameters.maxParallelism }
    public var currentKey: KS.Value? { context.currentKey }
    public var currentKeyGroup: Int { keyGroupRange.start + context.keyGroupIndex }

    /// Sets the key and computes, once, its key group and its hash in the state tables, both from
    /// the key's serialized bytes in one pass (``KeyHashWriter``).
    /// - Precondition: the key's group is in ``keyGroupRange``.
    /// - Complexity: O(key size); no allocation (the bytes are hashed as they are serialized).
    ///   Inlinable so the key's serializer and hash specialize in the caller (see ``StateKey``).
    // Pre-specialized for Int64 keys: calls through `any KeyedStateBackend` dispatch to it.
    @_specialize(where KS == IntegerSerializer<Int64>)
    @inlinable
    public func setCurrentKey(_ key: KS.Value) {
        var hasher = KeyHashWriter(point: context.hashPoint)
        parameters.keySerializer.serialize(key, to: &hasher)
        let keyGroup = KeyGroupRangeAssignment.keyGroup(
            forHash: hasher.murmurHash, maxParallelism: parameters.maxParallelism)
        precondition(
            keyGroupRange.contains(keyGroup),
            "key of key group \(keyGroup) set on a backend owning \(keyGroupRange)")
        context.currentKey = key
        context.keyGroupIndex = keyGroup - keyGroupRange.start
        context.keyHash = hasher.tableHash
    }

    public func notifyCheckpointComplete(_ checkpointID: Int64) {
        guard mode == .incremental, incremental.complete(checkpointID: checkpointID) else { return }
        // The new chains hold every change up to that checkpoint's synchronous part.
        for state in registered.values { state.table.forgetChanges(upTo: checkpointID) }
    }

    /// Drops all state. Snapshots already taken still write out (they hold their own copies).
    public func dispose() {
        for state in registered.values { state.table.removeAll() }
        registered = [:]
        registrationOrder = []
        restored = [:]
        context.currentKey = nil
        isDisposed = true
    }
}
