/// Counters of a ``MemoryManager`` at one moment, for metrics and tests.
public struct MemoryStatistics: Sendable, Hashable {
    public var segmentSize: Int
    public var totalSegments: Int
    /// Segments held by owners now.
    public var usedSegments: Int
    /// Segments that exist now, in use or free (the rest of the budget is not yet touched, or is
    /// reserved).
    public var createdSegments: Int
    /// Segments' worth of budget held by reservations (memory a native library allocates itself);
    /// part of ``usedSegments``.
    public var reservedSegments: Int
    public var peakUsedSegments: Int
    /// Segments owners still held when they closed: bugs in those owners, recovered by the manager.
    public var leakedSegments: Int
    public var openOwners: Int

    public var freeSegments: Int { totalSegments - usedSegments }
    public var usedBytes: Int { usedSegments * segmentSize }
    public var budgetBytes: Int { totalSegments * segmentSize }
}
