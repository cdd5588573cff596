import Logging

/// One budget of fixed-size segments for the process: network buffers, window tables, sketches and
/// (later) the RocksDB cache all draw from it, so memory use has one bound that an operator can read.
///
/// Segments are created lazily up to the budget and never freed while the manager lives: a released
/// segment goes on a free list (LIFO, so the next request gets a cache-warm page) and is handed to
/// the next request. Nothing is ever allocated beyond the budget.
///
/// Use: register an owner per consumer (``register(owner:limit:)``), allocate and release through
/// it, close it when the consumer ends. Closing returns everything the owner still holds; those
/// segments are counted as leaks and logged (the consumer forgot them) but are not lost.
///
/// Thread-safety: all methods may be called from any thread; one lock guards the free list and
/// the bookkeeping. The lock is held for a few instructions per call (no allocation under it on the
/// recycled path).
public final class MemoryManager: @unchecked Sendable {  // mutable state guarded by `lock`
    /// Bytes of one segment.
    public let segmentSize: Int
    /// The budget in bytes (a whole number of segments).
    public let budgetBytes: Int
    /// Segments the budget holds.
    public let totalSegments: Int

    let lock = ConditionLock()
    let logger: Logger
    // Guarded by `lock`.
    var freeList: [MemorySegment] = []
    /// Segments that exist now (created and not yet retired to make room for a reservation).
    var createdSegments = 0
    /// The manager index the next created segment gets.
    var nextSegmentIndex = 0
    /// Budget held by reservations (``MemoryReservation``): counted as used, never backed by segments.
    var reservedSegments = 0
    var usedSegments = 0
    var peakUsedSegments = 0
    var leakedSegments = 0
    /// Owner id per created segment (0 = free); indexed by the segment's manager index. Lets
    /// `release` catch a double release or a release by the wrong owner, and `close` find leaks.
    var ownerOfSegment: [UInt32] = []
    /// Every created segment, by manager index, so a leaked one can be taken back on close; nil once
    /// retired.
    var allSegments: [MemorySegment?] = []
    var nextOwnerID: UInt32 = 1
    var openOwners = 0

    /// - Parameters:
    ///   - budgetBytes: the whole budget; rounded down to a whole number of segments.
    ///   - segmentSize: a power of two from 4 KiB to 1 MiB (``MemorySegment/allowedSizes``).
    public init(
        budgetBytes: Int, segmentSize: Int = MemorySegment.defaultSize,
        logger: Logger = Logger(label: "eddy.memory")
    ) {
        precondition(MemorySegment.isValidSize(segmentSize), "segment size \(segmentSize) is not a power of two from 4 KiB to 1 MiB")
        precondition(budgetBytes >= segmentSize, "budget \(budgetBytes) B is smaller than one segment of \(segmentSize) B")
        self.segmentSize = segmentSize
        self.totalSegments = budgetBytes / segmentSize
        self.budgetBytes = totalSegments * segmentSize
        self.logger = logger
        freeList.reserveCapacity(min(totalSegments, 1 << 16))
    }

    /// Registers a consumer of segments.
    /// - Parameters:
    ///   - owner: a name for errors, logs and metrics (for example `"job-1/window-3/table"`).
    ///   - limit: the most segments this owner may hold at once; nil for no limit but the budget.
    public func register(owner name: String, limit: Int? = nil) -> MemoryOwner {
        let id: UInt32 = lock.withLock {
            let id = nextOwnerID
            nextOwnerID &+= 1
            if nextOwnerID == 0 { nextOwnerID = 1 }
            openOwners += 1
            return id
        }
        return MemoryOwner(name: name, id: id, limit: limit, manager: self)
    }

    /// A consistent snapshot of the manager's counters.
    public var statistics: MemoryStatistics {
        lock.withLock {
            MemoryStatistics(
                segmentSize: segmentSize, totalSegments: totalSegments, usedSegments: usedSegments,
                createdSegments: createdSegments, reservedSegments: reservedSegments, peakUsedSegments: peakUsedSegments,
                leakedSegments: leakedSegments, openOwners: openOwners)
        }
    }
}
