import DequeModule

/// Timed samples of a growing quantity over a span of time, from which a meter derives a rate (the
/// history behind Flink's `MeterView`, kept by time rather than by a fixed count, so a late or
/// missed sample does not skew the rate).
///
/// Keeps the newest sample and every sample after `newest - span`, plus one sample at or before it
/// as the baseline: once warmed up, the window covers at least `span`. With one sample per second it
/// holds `span / 1 s + 1` samples.
struct SlidingSampleWindow<Value: Sendable>: Sendable {
    /// The span in nanoseconds.
    let span: UInt64
    private(set) var samples = Deque<(time: UInt64, value: Value)>()

    init(span: UInt64) {
        precondition(span > 0, "a sample window needs a positive span")
        self.span = span
    }

    /// Adds a sample. One older than the newest is dropped (two samplers raced); one at the same
    /// time replaces the newest.
    mutating func append(time: UInt64, value: Value) {
        if let newest = samples.last {
            if time < newest.time { return }
            if time == newest.time {
                samples[samples.count - 1] = (time, value)
                return
            }
        }
        samples.append((time, value))
        let cutoff = time >= span ? time - span : 0
        while samples.count >= 2 && samples[1].time <= cutoff { samples.removeFirst() }
    }

    /// The oldest and newest samples, or nil before there are two.
    var ends: (oldest: (time: UInt64, value: Value), newest: (time: UInt64, value: Value))? {
        guard samples.count >= 2, let oldest = samples.first, let newest = samples.last else { return nil }
        return (oldest, newest)
    }
}
