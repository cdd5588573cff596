/// A consumer's handle on the ``MemoryManager``: an operator's hash table, a task's exchange
/// buffers, a sketch. It allocates and releases segments and, when closed, gives back all it holds.
///
/// Thread-safety: may be used from any thread; its counters are guarded by the manager's lock.
/// In practice an owner belongs to one task.
public final class MemoryOwner: @unchecked Sendable {  // `held` and `closed` guarded by manager.lock
    /// The name used in errors, logs and metrics.
    public let name: String
    let id: UInt32
    /// The most segments this owner may hold at once.
    public let limit: Int?
    let manager: MemoryManager
    /// Segments held, reservations included.
    var held = 0
    /// Segments' worth of budget held by this owner's reservations.
    var reserved = 0
    var closed = false

    init(name: String, id: UInt32, limit: Int?, manager: MemoryManager) {
        self.name = name
        self.id = id
        self.limit = limit
        self.manager = manager
    }

    deinit { manager.close(self) }

    /// The size of every segment this owner gets.
    public var segmentSize: Int { manager.segmentSize }

    /// Segments this owner holds now.
    public var heldSegments: Int { manager.lock.withLock { held } }

    /// Takes one segment. The contents are whatever the previous owner left: clear what you read.
    /// - Parameter wait: fail at once or wait up to a timeout when the budget is used up.
    /// - Throws: ``MemoryError`` naming this owner and the budget; nothing is allocated then.
    /// - Complexity: O(1); no allocation once the segment is recycled.
    public func allocate(wait: AllocationWait = .fail) throws(MemoryError) -> MemorySegment {
        var taken: MemorySegment?
        try manager.allocate(1, for: self, wait: wait) { taken = $0 }
        return taken!
    }

    /// Takes `count` segments, all or none.
    /// - Throws: ``MemoryError`` naming this owner and the budget; nothing is allocated then.
    public func allocate(count: Int, wait: AllocationWait = .fail) throws(MemoryError) -> [MemorySegment] {
        try manager.allocate(count, for: self, wait: wait)
    }

    /// Gives a segment back. Releasing one this owner does not hold is a precondition failure.
    public func release(_ segment: MemorySegment) {
        manager.release(CollectionOfOne(segment), from: self)
    }

    /// Gives segments back.
    public func release<S: Sequence>(_ segments: S) where S.Element == MemorySegment {
        manager.release(segments, from: self)
    }

    /// Returns everything this owner still holds (counted and logged as leaks) and refuses further
    /// allocation. Idempotent.
    /// - Returns: the number of segments that were still held.
    @discardableResult
    public func close() -> Int { manager.close(self) }
}

extension MemoryOwner {
    /// Takes `bytes` of budget (rounded up to whole segments) for memory allocated outside the
    /// manager, such as RocksDB's cache and memtables: counted as used, backed by nothing here.
    /// - Throws: ``MemoryError`` naming this owner and the budget; nothing is reserved then.
    public func reserve(bytes: Int, wait: AllocationWait = .fail) throws(MemoryError) -> MemoryReservation {
        let count = max((bytes + segmentSize - 1) / segmentSize, 0)
        return try manager.reserve(count, for: self, wait: wait)
    }
}
