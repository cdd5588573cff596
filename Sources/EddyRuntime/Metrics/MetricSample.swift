/// One metric's value at a moment: what ``MetricRegistry/snapshot(now:)`` returns.
public struct MetricSample: Sendable, Hashable {
    /// The full name, for example `job/7/task/Map/0/operator/map-1/numRecordsIn`.
    public var name: String
    public var value: MetricValue
    public var unit: MetricUnit

    public init(name: String, value: MetricValue, unit: MetricUnit) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}

/// A metric value: counters and gauges are integers, rates and time shares are reals.
public enum MetricValue: Sendable, Hashable {
    case integer(Int64)
    case real(Double)

    /// The value as a double (an integer beyond 2⁵³ rounds).
    public var doubleValue: Double {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        }
    }

    /// The value as an integer, or nil for a real.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}
