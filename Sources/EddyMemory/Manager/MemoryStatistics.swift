/// Counters of a ``MemoryManager`` at one moment, for metrics and tests.
public struct MemoryStatistics: Sendable, Hashable {
    public var segmentSize: Int
    public var totalSegments: Int
    /// Segments held by owners now.
    public var usedSegments: Int
    /// Segments created so far (the rest of the budget is not yet touched).
    public var createdSegments: Int
    public var peakUsedSegments: Int
    /// Segments owners still held when they closed: bugs in those owners, recovered by the manager.
    public var leakedSegments: Int
    public var openOwners: Int

    public var freeSegments: Int { totalSegments - usedSegments }
    public var usedBytes: Int { usedSegments * segmentSize }
    public var budgetBytes: Int { totalSegments * segmentSize }
}
