/// Time-to-live of keyed state, in processing time (as Flink's `StateTtlConfig`). Each value, list
/// element and map entry carries its last-access timestamp (8 bytes) and expires on its own.
public struct StateTTLConfig: Sendable, Hashable, Codable {
    /// When the timestamp is refreshed.
    public enum UpdateType: String, Sendable, Hashable, Codable {
        /// On creation and on every write (Flink's default).
        case onCreateAndWrite
        /// Also on every read.
        case onReadAndWrite
    }

    /// Whether an expired value that has not been cleaned up yet may be returned.
    public enum Visibility: String, Sendable, Hashable, Codable {
        /// Expired values are never returned (Flink's default).
        case neverReturnExpired
        /// Expired values are returned until cleanup removes them.
        case returnExpiredIfNotCleanedUp
    }

    /// How long a value lives after its last update (or access), in milliseconds.
    public var timeToLiveMillis: Int64
    public var updateType: UpdateType
    public var visibility: Visibility
    /// Heap backends: check this many entries for expiry on each state access (0 = off). Flink's
    /// default is 5.
    public var incrementalCleanupSize: Int
    /// Drop expired entries while taking a full snapshot or savepoint.
    public var cleanupInFullSnapshot: Bool
    /// RocksDB: drop expired entries during compaction; the filter reads the clock once every this
    /// many entries (Flink's default is 1000). 0 = off.
    public var compactionFilterQueryTimeAfterEntries: Int

    public init(
        timeToLiveMillis: Int64, updateType: UpdateType = .onCreateAndWrite,
        visibility: Visibility = .neverReturnExpired, incrementalCleanupSize: Int = 5,
        cleanupInFullSnapshot: Bool = true, compactionFilterQueryTimeAfterEntries: Int = 1000
    ) {
        precondition(timeToLiveMillis > 0, "a TTL must be positive")
        self.timeToLiveMillis = timeToLiveMillis
        self.updateType = updateType
        self.visibility = visibility
        self.incrementalCleanupSize = incrementalCleanupSize
        self.cleanupInFullSnapshot = cleanupInFullSnapshot
        self.compactionFilterQueryTimeAfterEntries = compactionFilterQueryTimeAfterEntries
    }

    /// Whether a value last touched at `timestamp` has expired at `now`.
    @inlinable
    public func isExpired(timestamp: Int64, now: Int64) -> Bool {
        // Saturating: a huge TTL must not wrap around into the past.
        let (expiry, overflow) = timestamp.addingReportingOverflow(timeToLiveMillis)
        return !overflow && expiry <= now
    }
}
