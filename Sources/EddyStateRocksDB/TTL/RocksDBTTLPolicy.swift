import EddyState

/// Flink's TTL rules for reads, shared by all state kinds: whether a record is expired now, whether
/// an expired one may still be returned, and whether a read refreshes the timestamp.
///
/// Thread-safety: a value; reads the injected clock.
struct RocksDBTTLPolicy {
    let config: StateTTLConfig?
    let clock: any StateClock

    /// The time to stamp writes with (0 without TTL: no timestamp is written then).
    func now() -> Int64 { config == nil ? 0 : clock.currentTimeMillis() }

    func isExpired(_ timestamp: Int64, now: Int64) -> Bool {
        guard let config else { return false }
        return config.isExpired(timestamp: timestamp, now: now)
    }

    /// Whether an expired record is still returned (it is removed all the same).
    var returnsExpired: Bool { config?.visibility == .returnExpiredIfNotCleanedUp }

    /// Whether reading a live record rewrites it with a fresh timestamp.
    var refreshesOnRead: Bool { config?.updateType == .onReadAndWrite }
}
