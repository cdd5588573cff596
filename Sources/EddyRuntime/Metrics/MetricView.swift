/// A metric that derives its value from samples taken at intervals (a rate, a time share), as
/// Flink's `View`: the ``MetricsReporter`` calls ``update(now:)`` on every registered view once per
/// interval, before it takes a snapshot.
///
/// Thread-safety: implementations take any thread's ``update(now:)`` and reads.
public protocol MetricView: AnyObject, Sendable {
    /// Takes a sample at `now` (monotonic nanoseconds).
    func update(now: UInt64)
}
