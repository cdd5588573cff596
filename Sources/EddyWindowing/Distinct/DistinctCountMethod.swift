/// How a distinct-count operator counts: exactly, or estimated with a sketch per slice.
public enum DistinctCountMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Last-seen slice per user in a hash table: exact, memory grows with the users of a window.
    case exact
    /// A split-block Bloom filter per slice, windows estimated from the fill of their union.
    case bloom
    /// A HyperLogLog per slice, windows estimated from the register-wise maximum.
    case hll
}

/// Settings of the distinct-count operators beyond the window.
public struct DistinctCountOptions: Sendable, Hashable {
    public var method: DistinctCountMethod
    /// Distinct users a window is expected to hold: per subtask, the exact table's first size; in
    /// all, the Bloom filters' size (they must hold a window's users at the false-positive rate, and
    /// the sum unites every subtask's filters).
    public var expectedUsersPerWindow: Int
    /// False-positive rate the Bloom filters are sized for at `expectedUsersPerWindow`.
    public var bloomFalsePositiveRate: Double
    /// HyperLogLog precision: 2^p registers (4...18).
    public var hllPrecision: Int
    /// Most bytes of the memory budget one subtask's counter may hold; nil: what the budget has.
    public var memoryLimitBytes: Int?

    public init(
        method: DistinctCountMethod = .exact, expectedUsersPerWindow: Int = 1 << 16, bloomFalsePositiveRate: Double = 0.01,
        hllPrecision: Int = 14, memoryLimitBytes: Int? = nil
    ) {
        self.method = method
        self.expectedUsersPerWindow = expectedUsersPerWindow
        self.bloomFalsePositiveRate = bloomFalsePositiveRate
        self.hllPrecision = hllPrecision
        self.memoryLimitBytes = memoryLimitBytes
    }
}
