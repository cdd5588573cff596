import EddyMemory
import Synchronization

/// Samples a ``MetricRegistry`` on a background thread every `interval`: updates the views (rates,
/// time shares), takes a snapshot and hands it to `report`, as Flink's reporters and view updater.
///
/// ``stop()`` wakes the thread and joins it, so no thread outlives a stopped reporter; a reporter
/// dropped while running stops itself.
///
/// Thread-safety: ``start()`` and ``stop()`` from any thread (not from inside `report`); `report`
/// runs on the reporter's thread.
public final class MetricsReporter: Sendable {
    public let registry: MetricRegistry
    public let interval: Duration
    public let threadName: String
    private let clock: @Sendable () -> UInt64
    private let report: @Sendable ([MetricSample]) -> Void
    private let control = Control()
    private let thread = Mutex<JoinableThread?>(nil)

    /// The stop flag, shared with the thread (which must not hold the reporter, or dropping the
    /// reporter could never stop it).
    private final class Control: Sendable {
        let lock = ConditionLock()
        nonisolated(unsafe) var stopRequested = false  // guarded by `lock`
        let reports = Atomic<Int>(0)
    }

    /// - Parameters:
    ///   - registry: the metrics to sample.
    ///   - interval: time between samples (Flink's views update every 5 s; about 1 s suits the
    ///     per-second metrics here).
    ///   - threadName: the OS thread's name (at most 15 bytes).
    ///   - clock: the time each sample is stamped with; monotonic nanoseconds by default.
    ///   - report: receives each snapshot on the reporter's thread.
    public init(
        registry: MetricRegistry, interval: Duration = .seconds(1), threadName: String = "eddy-metrics",
        clock: @escaping @Sendable () -> UInt64 = monotonicNanoseconds,
        report: @escaping @Sendable ([MetricSample]) -> Void
    ) {
        precondition(threadName.utf8.count <= 15, "thread name '\(threadName)' is longer than 15 bytes")
        self.registry = registry
        self.interval = interval
        self.threadName = threadName
        self.clock = clock
        self.report = report
    }

    deinit { stop() }

    /// Starts the thread; it samples at once, then every `interval`. Starting twice, or after a
    /// stop, is a misuse.
    public func start() {
        let (registry, clock, report, control) = (self.registry, self.clock, self.report, self.control)
        let (step, name) = (interval.nanoseconds, threadName)
        thread.withLock { thread in
            precondition(thread == nil, "metrics reporter started twice")
            precondition(!control.lock.withLock { control.stopRequested }, "metrics reporter started after stop")
            thread = JoinableThread(name: name) {
                var deadline = monotonicNanoseconds()
                while true {
                    let now = clock()
                    registry.updateViews(now: now)
                    report(registry.snapshot(now: now))
                    control.reports.add(1, ordering: .relaxed)
                    deadline = max(deadline &+ step, monotonicNanoseconds())  // skip missed ticks
                    let stop = control.lock.withLock {
                        while !control.stopRequested {
                            if !control.lock.wait(untilNanoseconds: deadline) { break }
                        }
                        return control.stopRequested
                    }
                    if stop { return }
                }
            }
        }
    }

    /// Stops the thread and waits for it to end. Idempotent.
    public func stop() {
        control.lock.withLock {
            control.stopRequested = true
            control.lock.broadcast()
        }
        let running = thread.withLock { $0 }
        running?.join()
    }

    /// Snapshots reported so far.
    public var reportCount: Int { control.reports.load(ordering: .relaxed) }
}
