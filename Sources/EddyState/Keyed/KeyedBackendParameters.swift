import EddyCore
import EddyMemory

/// What every keyed backend is created with: who it belongs to, which key groups it owns, where
/// snapshots go, the clock for TTL and the memory budget it draws from.
public struct KeyedBackendParameters<KS: Serializer> {
    /// Unique per job; used in snapshot file names (`<operatorID>-<subtask>`).
    public var operatorID: String
    public var subtaskIndex: Int
    public var keySerializer: KS
    public var keyGroupRange: KeyGroupRange
    public var maxParallelism: Int
    /// Processing time for TTL.
    public var clock: any StateClock
    /// Where snapshots are written (and restored from, unless ``restoreStorage`` is set).
    public var storage: any CheckpointStorage
    /// Where the handles to restore are, when not in ``storage`` (a savepoint of another job).
    public var restoreStorage: (any CheckpointStorage)?
    /// A local directory the backend may use (RocksDB's database); removed by `dispose()`.
    public var workingDirectory: String
    /// The memory budget's owner for this backend (RocksDB charges its cache and write buffers to
    /// it); nil for no accounting.
    public var memory: MemoryOwner?

    public init(
        operatorID: String, subtaskIndex: Int = 0, keySerializer: KS,
        keyGroupRange: KeyGroupRange, maxParallelism: Int = KeyGroupRangeAssignment.defaultMaxParallelism,
        clock: any StateClock = SystemStateClock(), storage: any CheckpointStorage,
        workingDirectory: String, memory: MemoryOwner? = nil
    ) {
        self.operatorID = operatorID
        self.subtaskIndex = subtaskIndex
        self.keySerializer = keySerializer
        self.keyGroupRange = keyGroupRange
        self.maxParallelism = maxParallelism
        self.clock = clock
        self.storage = storage
        self.workingDirectory = workingDirectory
        self.memory = memory
    }

    /// The prefix of this subtask's snapshot files.
    public var filePrefix: String { "\(operatorID)-\(subtaskIndex)" }
}
