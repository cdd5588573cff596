/// The unit of a metric's value, for reporters and the REST API.
public enum MetricUnit: String, Sendable, Hashable, CaseIterable {
    /// A count of events or records since the start.
    case count
    /// Events per second.
    case perSecond
    case nanoseconds
    /// A point in event time (a watermark), in milliseconds since the epoch.
    case milliseconds
    /// Milliseconds per second of wall time spent in a state.
    case millisecondsPerSecond
    /// Memory segments (buffers).
    case segments
    case bytes
}
