/// One measured figure of a benchmark run, with its baseline from the same run.
public struct BenchmarkResult: Sendable, Codable {
    /// Benchmark group, e.g. `memory`.
    public var suite: String
    /// What was measured, e.g. `paged-view.int64x3.write+read`.
    public var name: String
    /// Operations (records, segments, bytes) per second: the best of the repetitions.
    public var perSecond: Double
    /// The unit of `perSecond`, e.g. `records/s`.
    public var unit: String
    /// Operations per repetition.
    public var operations: Int
    /// Heap allocations per operation on the measuring thread, in the timed loop.
    public var allocationsPerOperation: Double?
    /// The baseline measured in the same run, if any.
    public var baselineName: String?
    public var baselinePerSecond: Double?
    /// perSecond / baselinePerSecond.
    public var ratioToBaseline: Double? {
        guard let b = baselinePerSecond, b > 0 else { return nil }
        return perSecond / b
    }
    /// Free-form details (sizes, settings).
    public var notes: String?

    public init(
        suite: String, name: String, perSecond: Double, unit: String, operations: Int,
        allocationsPerOperation: Double? = nil, baselineName: String? = nil,
        baselinePerSecond: Double? = nil, notes: String? = nil
    ) {
        self.suite = suite
        self.name = name
        self.perSecond = perSecond
        self.unit = unit
        self.operations = operations
        self.allocationsPerOperation = allocationsPerOperation
        self.baselineName = baselineName
        self.baselinePerSecond = baselinePerSecond
        self.notes = notes
    }
}
