import EddyState

/// Drops expired TTL state during compaction (Flink's `FlinkCompactionFilter`): values, reducing
/// and aggregating accumulators and map entries whose timestamp + TTL <= now are removed; list
/// values lose their expired elements (and go when none is left).
///
/// Values are `[timestamp 8 B] ‖ bytes` (``CanonicalStateFormat``). The clock is read once every
/// `compactionFilterQueryTimeAfterEntries` entries, as Flink does, because a compaction visits
/// millions of entries. Anything that does not parse is kept: a filter must never lose data it
/// does not understand.
///
/// Thread-safety: one instance per compaction, used by one RocksDB thread.
final class RocksDBTTLCompactionFilter: RocksDBCompactionFilter {
    private let settings: RocksDBTTLCompactionContext.Settings?
    private let clock: any StateClock
    private var entriesUntilClockRead = 0
    private var now: Int64 = 0

    init(settings: RocksDBTTLCompactionContext.Settings?, clock: any StateClock) {
        self.settings = settings
        self.clock = clock
    }

    func filter(level: Int, key: RocksDBSlice, value: RocksDBSlice) -> RocksDBCompactionDecision {
        guard let settings, settings.ttl.compactionFilterQueryTimeAfterEntries > 0 else { return .keep }
        if entriesUntilClockRead == 0 {
            now = clock.currentTimeMillis()
            entriesUntilClockRead = settings.ttl.compactionFilterQueryTimeAfterEntries
        }
        entriesUntilClockRead -= 1
        if settings.kind == .list {
            guard let skip = settings.skipElement else { return .keep }
            return filterList(value, ttl: settings.ttl, skip: skip)
        }
        guard value.count >= CanonicalStateFormat.timestampBytes else { return .keep }
        return settings.ttl.isExpired(timestamp: value.int64BigEndian(at: 0), now: now) ? .remove : .keep
    }

    /// Keeps the live elements of a list value, parsing element by element.
    private func filterList(
        _ value: RocksDBSlice, ttl: StateTTLConfig, skip: (inout RocksDBSliceReader) throws -> Void
    ) -> RocksDBCompactionDecision {
        var live: [Range<Int>] = []
        var liveBytes = 0
        var position = 0
        while position < value.count {
            guard position + CanonicalStateFormat.timestampBytes <= value.count else { return .keep }
            let timestamp = value.int64BigEndian(at: position)
            var reader = value.reader(from: position + CanonicalStateFormat.timestampBytes)
            do { try skip(&reader) } catch { return .keep }
            if !ttl.isExpired(timestamp: timestamp, now: now) {
                live.append(position..<reader.position)
                liveBytes += reader.position - position
            }
            position = reader.position
        }
        if liveBytes == value.count { return .keep }
        if live.isEmpty { return .remove }
        var kept: [UInt8] = []
        kept.reserveCapacity(liveBytes)
        for range in live { value.append(range, to: &kept) }
        return .replace(kept)
    }
}
