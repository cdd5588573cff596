import EddyCore
import EddyState
import Foundation

/// Keyed state in an embedded RocksDB database (Flink's `RocksDBKeyedStateBackend`): one database
/// per backend in `<workingDirectory>/db`, one column family per state, keys
/// `keyGroup (2 B) ‖ key ‖ namespace [‖ map key]` (``RocksDBKeyLayout``), values per
/// ``CanonicalStateFormat``. The write-ahead log is off: durability comes from checkpoints.
///
/// - Snapshots: `.checkpoint` is incremental and native (flush, hard-linked RocksDB checkpoint,
///   upload of new SST files only); `.canonicalSavepoint` writes a key-group state file any backend
///   restores.
/// - Restore: from native handles (rescaling by copying key-group ranges) and from key-group files
///   of any backend; all or nothing.
/// - Memory: ``RocksDBBackendOptions/managedMemoryBytes`` is reserved from `parameters.memory` and
///   RocksDB sized to it.
///
/// Thread-safety: confined to the task thread, except the asynchronous snapshot parts, which touch
/// only their own temporary files, checkpoint storage and the (locked) upload tracker. Call
/// ``dispose()`` after they finish.
public final class RocksDBKeyedStateBackend<KS: Serializer>: KeyedStateBackend where KS.Value: Hashable {
    public typealias Key = KS.Value
    public typealias KeySerializer = KS

    public let keySerializer: KS
    public let keyGroupRange: KeyGroupRange
    public let maxParallelism: Int
    let parameters: KeyedBackendParameters<KS>
    let options: RocksDBBackendOptions
    let context: RocksDBStateContext
    var states: [String: RocksDBRegisteredState]
    let uploads: RocksDBUploadTracker
    private var memory: RocksDBMemoryBudget
    private var keyScratch = ByteArrayWriter(reservingCapacity: 64)
    public private(set) var currentKey: KS.Value?
    public private(set) var currentKeyGroup = -1
    private var disposed = false
    /// Random per database instance; part of uploaded SST names (see the incremental strategy).
    let incarnation = String(UUID().uuidString.prefix(8)).lowercased()

    var db: RocksDB { context.db }
    var databasePath: String { parameters.workingDirectory + "/db" }

    /// Creates the backend in a fresh working directory, restoring `handles` if given.
    /// - Throws: the memory owner's `MemoryError` when the budget cannot be reserved;
    ///   ``StateError`` when restoring fails (`.missingFile`, `.corruptSnapshot` naming the file,
    ///   `.backend`) — the working directory is then removed.
    public init(
        parameters: KeyedBackendParameters<KS>, options: RocksDBBackendOptions = .init(),
        restoring handles: [KeyedStateHandle] = []
    ) throws {
        self.parameters = parameters
        self.options = options
        keySerializer = parameters.keySerializer
        keyGroupRange = parameters.keyGroupRange
        maxParallelism = parameters.maxParallelism
        let directory = parameters.workingDirectory
        memory = try RocksDBMemoryBudget(owner: parameters.memory, bytes: options.managedMemoryBytes)
        do {
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let layout = RocksDBKeyLayout(keyEncoding: RocksDBPartEncoding(fixedSize: parameters.keySerializer.fixedSize))
            let restored = try RocksDBRestoreOperation(
                handles: handles, storage: parameters.restoreStorage ?? parameters.storage, workingDirectory: directory,
                databasePath: directory + "/db", keyGroupRange: parameters.keyGroupRange,
                maxParallelism: parameters.maxParallelism, layout: layout, options: options.databaseOptions(),
                clock: parameters.clock
            ).run()
            context = RocksDBStateContext(db: restored.db, clock: parameters.clock, layout: layout)
            states = restored.states
            uploads = RocksDBUploadTracker(seed: restored.reusableFiles)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            memory.release()
            if let error = error as? StateError { throw error }
            if let error = error as? RocksDBError {
                throw StateError(.backend, "cannot open RocksDB", path: error.path, underlying: error)
            }
            throw StateError(.io, "cannot prepare the working directory", path: directory, underlying: error)
        }
    }

    deinit { dispose() }

    /// Sets the current key; its key group comes from the serialized key bytes (Murmur3), never
    /// from Swift's per-process `hashValue`.
    @_specialize(where KS == IntegerSerializer<Int64>)
    public func setCurrentKey(_ key: KS.Value) {
        keyScratch.reset()
        keySerializer.serialize(key, to: &keyScratch)
        let group = KeyGroupRangeAssignment.keyGroup(forSerializedKey: keyScratch.bytes, maxParallelism: maxParallelism)
        precondition(keyGroupRange.contains(group), "key group \(group) of key is outside \(keyGroupRange)")
        context.keyPrefix.reset()
        context.keyPrefix.writeInteger(UInt16(group))  // big-endian, as RocksDBKeyLayout.keyGroupPrefix
        context.layout.keyEncoding.append(keyScratch.bytes, to: &context.keyPrefix)
        context.hasKey = true
        currentKey = key
        currentKeyGroup = group
    }

    public func notifyCheckpointComplete(_ checkpointID: Int64) {
        uploads.checkpointCompleted(checkpointID)
    }

    /// Closes the database and removes the working directory; releases the memory reservation.
    /// Idempotent. State handles must not be used afterwards.
    public func dispose() {
        guard !disposed else { return }
        disposed = true
        for state in states.values { state.handle = nil }
        context.db.close()
        try? FileManager.default.removeItem(atPath: parameters.workingDirectory)
        memory.release()
    }

    /// Bytes reserved from the memory owner.
    public var reservedMemoryBytes: Int { memory.reservedBytes }
}

extension RocksDBKeyedStateBackend {
    /// Flushes the memtables and waits for background compactions to finish (benchmarks call it
    /// between loading and timing, as for the raw baseline).
    public func flushAndWaitForCompactions() throws { try context.db.flushAndWaitForCompactions() }
}
