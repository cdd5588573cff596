/// Budget taken from a ``MemoryManager`` for memory that something else allocates: RocksDB's block
/// cache and memtables, for instance. It counts against the budget like segments do, but no segment
/// memory backs it, so the process does not hold the same bytes twice (once as idle segments, once
/// in the library that really uses them). Flink's `MemoryManager.reserveMemory` plays this part for
/// its RocksDB backend.
///
/// Made by ``MemoryOwner/reserve(bytes:wait:)``; give it back with ``release()``. A reservation still
/// held when its owner closes is counted as a leak, like a segment.
///
/// Thread-safety: `release()` may be called from any thread, once or more (later calls do nothing).
public final class MemoryReservation: @unchecked Sendable {  // `segments` guarded by the manager's lock
    public let owner: MemoryOwner
    /// Segments' worth of budget still held (0 once released).
    var segments: Int

    init(owner: MemoryOwner, segments: Int) {
        self.owner = owner
        self.segments = segments
    }

    /// Bytes of budget held: whole segments, so at least what was asked for.
    public var bytes: Int { owner.manager.lock.withLock { segments } * owner.segmentSize }

    /// Returns the budget to the manager and wakes anyone waiting for it. Idempotent.
    public func release() { owner.manager.release(self) }
}
