import Synchronization

/// Turns a ``TaskTimeAccounting``'s totals into milliseconds per second over a sliding window, as
/// Flink's `TimerGauge` views: a reporter samples the totals (``update(now:)``, about once a
/// second) and readers get the share of each state between the oldest and newest sample.
///
/// Because each sample is a consistent reading at one instant, busy + backpressured + idle is
/// 1000 ms/s up to floating-point rounding.
///
/// Thread-safety: any thread; samples are kept under a mutex.
public final class TaskTimeMeter: MetricView {
    public let accounting: TaskTimeAccounting
    private let window: Mutex<SlidingSampleWindow<TaskTimeTotals>>

    /// - Parameters:
    ///   - accounting: the task's time accounting.
    ///   - span: the window the shares are averaged over.
    public init(accounting: TaskTimeAccounting, span: Duration = .seconds(5)) {
        self.accounting = accounting
        window = Mutex(SlidingSampleWindow(span: span.nanoseconds))
    }

    /// Samples the totals at `now` (monotonic nanoseconds).
    public func update(now: UInt64) {
        let totals = accounting.totals(now: now)
        window.withLock { $0.append(time: now, value: totals) }
    }

    /// Milliseconds per second in each state over the window; nil before two samples.
    public var millisecondsPerSecond: TaskTimeShares? {
        window.withLock { window in
            guard let (oldest, newest) = window.ends else { return nil }
            let perNanosecond = 1000 / Double(newest.time - oldest.time)
            func share(_ state: TaskTimeState) -> Double {
                Double(newest.value[state] &- oldest.value[state]) * perNanosecond
            }
            return TaskTimeShares(busy: share(.busy), backpressured: share(.backpressured), idle: share(.idle))
        }
    }
}
