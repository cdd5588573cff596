/// What a job does when a task fails: restart from the latest completed checkpoint after a delay,
/// or give up and fail. Flink's restart strategies, with the same meanings and defaults.
public enum RestartStrategy: Sendable, Hashable {
    /// Fail at the first task failure.
    case none
    /// Restart at most `attempts` times, waiting `delayMillis` before each.
    case fixedDelay(attempts: Int, delayMillis: Int64)
    /// Restart without limit, the delay growing from `initialMillis` by `multiplier` up to `maxMillis`,
    /// each delay spread by ±`jitter` (a fraction) so many jobs do not restart in step; after
    /// `resetAfterMillis` without a failure the delay starts over from `initialMillis`.
    case exponentialDelay(
        initialMillis: Int64, maxMillis: Int64, multiplier: Double, resetAfterMillis: Int64, jitter: Double)
    /// Restart while there were at most `maxFailures` failures in the last `intervalMillis`, waiting
    /// `delayMillis` before each restart.
    case failureRate(maxFailures: Int, intervalMillis: Int64, delayMillis: Int64)

    /// Flink's defaults for exponential delay: 1 s growing ×1.5 to 60 s, reset after 1 h, 10 % jitter.
    public static let exponentialDefault = RestartStrategy.exponentialDelay(
        initialMillis: 1_000, maxMillis: 60_000, multiplier: 1.5, resetAfterMillis: 3_600_000, jitter: 0.1)

    /// The state that counts failures under this strategy for one job run.
    /// - Parameter seed: seeds the jitter (fixed in tests).
    public func makeBackoff(seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> RestartBackoff {
        RestartBackoff(strategy: self, seed: seed)
    }
}
