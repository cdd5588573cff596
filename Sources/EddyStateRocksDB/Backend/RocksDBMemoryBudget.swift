import EddyMemory

/// The memory a backend reserves from its `MemoryOwner` for RocksDB: whole segments covering
/// ``RocksDBBackendOptions/managedMemoryBytes``, taken at creation and held until `dispose()`.
/// RocksDB is then configured to fit inside them (``RocksDBBackendOptions``): the reservation is
/// accounting, RocksDB allocates its own memory.
///
/// Thread-safety: confined to the backend's owner thread.
struct RocksDBMemoryBudget {
    private let owner: MemoryOwner?
    private var segments: [MemorySegment]

    /// - Throws: the owner's `MemoryError` when it cannot give the segments.
    init(owner: MemoryOwner?, bytes: Int) throws {
        self.owner = owner
        guard let owner else {
            segments = []
            return
        }
        let count = (bytes + owner.segmentSize - 1) / owner.segmentSize
        segments = try owner.allocate(count: count)
    }

    /// Bytes reserved.
    var reservedBytes: Int { segments.count * (owner?.segmentSize ?? 0) }

    mutating func release() {
        owner?.release(segments)
        segments = []
    }
}
