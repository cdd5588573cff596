import Synchronization

/// Events per second of a ``SingleWriterCounter`` over a sliding span of time, as Flink's
/// `MeterView` (default span 60 s). The task only counts; a reporter samples the counter with
/// ``update(now:)``, so the rate costs the per-record path nothing.
///
/// Thread-safety: any thread; samples are kept under a mutex.
public final class RateMeter: MetricView {
    public let counter: SingleWriterCounter
    private let window: Mutex<SlidingSampleWindow<Int64>>

    /// - Parameters:
    ///   - counter: the counted events.
    ///   - span: the time the rate is averaged over.
    public init(counter: SingleWriterCounter, span: Duration = .seconds(60)) {
        self.counter = counter
        window = Mutex(SlidingSampleWindow(span: span.nanoseconds))
    }

    /// The span the rate is averaged over, in nanoseconds.
    public var spanNanoseconds: UInt64 { window.withLock { $0.span } }

    /// Samples the counter at `now` (monotonic nanoseconds).
    public func update(now: UInt64) {
        let count = counter.value
        window.withLock { $0.append(time: now, value: count) }
    }

    /// Events per second between the oldest and newest sample in the window; 0 before two samples.
    public var ratePerSecond: Double {
        window.withLock { window in
            guard let (oldest, newest) = window.ends else { return 0 }
            return Double(newest.value &- oldest.value) * 1e9 / Double(newest.time - oldest.time)
        }
    }

    /// The counter's value now.
    public var count: Int64 { counter.value }

    /// Samples held (for tests: the window stays bounded).
    var sampleCount: Int { window.withLock { $0.samples.count } }
}
