/// Counts a job's failures under a ``RestartStrategy`` and says how long to wait before the next
/// restart, or that the job must fail.
///
/// Thread-safety: a value; owned by whoever supervises the job.
public struct RestartBackoff: Sendable {
    public let strategy: RestartStrategy
    private var restarts = 0
    private var lastFailureMillis: Int64?
    private var currentDelayMillis: Int64?
    private var recentFailures: [Int64] = []
    private var random: UInt64

    init(strategy: RestartStrategy, seed: UInt64) {
        self.strategy = strategy
        self.random = seed == 0 ? 1 : seed
    }

    /// Restarts granted so far.
    public var restartCount: Int { restarts }

    /// Records a failure at `nowMillis`.
    /// - Returns: the delay before restarting, in milliseconds, or nil when the job must fail.
    public mutating func delayAfterFailure(atMillis nowMillis: Int64) -> Int64? {
        defer { lastFailureMillis = nowMillis }
        let delay: Int64?
        switch strategy {
        case .none:
            delay = nil
        case .fixedDelay(let attempts, let delayMillis):
            delay = restarts < attempts ? delayMillis : nil
        case .exponentialDelay(let initial, let maximum, let multiplier, let resetAfter, let jitter):
            let quietLongEnough = lastFailureMillis.map { nowMillis - $0 >= resetAfter } ?? true
            let base: Int64
            if let current = currentDelayMillis, !quietLongEnough {
                base = min(maximum, Int64((Double(current) * multiplier).rounded()))
            } else {
                base = min(initial, maximum)
            }
            currentDelayMillis = base
            delay = applyJitter(base, fraction: jitter)
        case .failureRate(let maxFailures, let interval, let delayMillis):
            recentFailures.append(nowMillis)
            recentFailures.removeAll { $0 <= nowMillis - interval }
            delay = recentFailures.count <= maxFailures ? delayMillis : nil
        }
        if delay != nil { restarts += 1 }
        return delay
    }

    /// `base` moved uniformly within ±`fraction` of itself (never below zero).
    private mutating func applyJitter(_ base: Int64, fraction: Double) -> Int64 {
        guard fraction > 0, base > 0 else { return base }
        // xorshift64*: a deterministic, seedable generator (jitter needs no cryptographic quality).
        random ^= random >> 12
        random ^= random << 25
        random ^= random >> 27
        let unit = Double((random &* 0x2545_F491_4F6C_DD1D) >> 11) / Double(1 << 53)  // [0, 1)
        let spread = Double(base) * fraction
        return max(0, Int64((Double(base) - spread + 2 * spread * unit).rounded()))
    }
}
