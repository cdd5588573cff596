import Synchronization

/// The process's metrics by name: tasks register counters, gauges and views when they start and
/// the job's scope is unregistered when it ends; reporters and the REST API take snapshots.
///
/// A metric is a closure read at snapshot time, so registering costs the task nothing per record.
/// Closures are read outside the registry's lock (a gauge may take its own lock, as a memory
/// manager's statistics do), and views are updated outside it too.
///
/// Thread-safety: every method from any thread; the name table is under a mutex.
public final class MetricRegistry: Sendable {
    struct Entry: Sendable {
        let unit: MetricUnit
        let read: @Sendable (_ now: UInt64) -> MetricValue?
        /// A view to update before reading; several entries may share one.
        let view: (any MetricView)?
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// Registers a metric read by a closure. A metric already under `name` is replaced (a
    /// restarted task registers again under its old names).
    /// - Parameters:
    ///   - name: the full name (see ``MetricNames``).
    ///   - view: a view the reporter updates before each snapshot, or nil.
    ///   - read: the value at `now`; nil leaves the metric out of the snapshot (no value yet).
    public func register(
        _ name: String, unit: MetricUnit, view: (any MetricView)? = nil,
        read: @escaping @Sendable (_ now: UInt64) -> MetricValue?
    ) {
        entries.withLock { $0[name] = Entry(unit: unit, read: read, view: view) }
    }

    /// Registers a gauge: an integer read when a snapshot is taken.
    public func registerGauge(_ name: String, unit: MetricUnit, _ gauge: @escaping @Sendable () -> Int64) {
        register(name, unit: unit) { _ in .integer(gauge()) }
    }

    /// Registers a counter's value.
    public func register(_ counter: SingleWriterCounter, as name: String, unit: MetricUnit = .count) {
        register(name, unit: unit) { _ in .integer(counter.value) }
    }

    /// Registers a rate meter's events per second (the reporter keeps it updated).
    public func register(_ meter: RateMeter, as name: String) {
        register(name, unit: .perSecond, view: meter) { _ in .real(meter.ratePerSecond) }
    }

    /// Removes `prefix` and every metric under it (`job/1` removes `job/1/…` but not `job/10/…`).
    /// - Returns: how many metrics were removed.
    @discardableResult
    public func unregister(prefix: String) -> Int {
        let scope = prefix.hasSuffix("/") ? prefix : prefix + "/"
        return entries.withLock { entries in
            let doomed = entries.keys.filter { $0 == prefix || $0.hasPrefix(scope) }
            for name in doomed { entries[name] = nil }
            return doomed.count
        }
    }

    /// Samples every registered view once (each view once, however many metrics share it).
    public func updateViews(now: UInt64) {
        for view in views() { view.update(now: now) }
    }

    /// Every metric's value at `now`, sorted by name; metrics without a value yet are left out.
    public func snapshot(now: UInt64) -> [MetricSample] {
        let current = entries.withLock { $0.sorted { $0.key < $1.key } }
        return current.compactMap { name, entry in
            entry.read(now).map { MetricSample(name: name, value: $0, unit: entry.unit) }
        }
    }

    /// Metrics registered now.
    public var count: Int { entries.withLock { $0.count } }

    /// Registered names, sorted.
    public var names: [String] { entries.withLock { $0.keys.sorted() } }

    /// Distinct views registered now.
    public var viewCount: Int { views().count }

    private func views() -> [any MetricView] {
        let all = entries.withLock { $0.values.compactMap(\.view) }
        var seen = Set<ObjectIdentifier>()
        return all.filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
}
