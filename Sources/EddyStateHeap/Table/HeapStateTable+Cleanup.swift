import EddyMemory
import EddyState

extension HeapStateTable {
    /// Checks `incrementalCleanupSize` entries for expiry, sweeping the key groups round-robin
    /// (Flink's incremental cleanup of the heap backend), so entries that are never read again are
    /// still removed eventually.
    ///
    /// Not inlinable: only TTL states run it, a few entries per access.
    ///
    /// The keys of one key group are listed when the sweep enters it; entries added later are
    /// found by the next round. Each checked (key, namespace) counts once, whatever its size.
    @usableFromInline
    func cleanupIncrementally(_ ttl: StateTTLConfig) {
        var budget = ttl.incrementalCleanupSize
        var groupsEntered = 0
        var now: Int64?
        while budget > 0 {
            if cleanupPosition == cleanupKeys.count {
                // One full round without finding anything to check: stop (all empty).
                guard groupsEntered < maps.count else { return }
                groupsEntered += 1
                cleanupKeyGroupIndex = (cleanupKeyGroupIndex + 1) % maps.count
                cleanupKeys = Array(maps[cleanupKeyGroupIndex].entries.addresses())
                cleanupPosition = 0
                continue
            }
            let key = cleanupKeys[cleanupPosition]
            cleanupPosition += 1
            budget -= 1
            let map = maps[cleanupKeyGroupIndex]
            guard let entry = map.entries[key] else { continue }
            let time = now ?? context.clock.currentTimeMillis()
            now = time
            switch codec.expiry(of: entry, ttl: ttl, now: time) {
            case .live:
                continue
            case .expired:
                map.entries[key] = nil
            case .partly(let live):
                map.entries[key] = live
            }
            markChanged(key, in: map)
        }
        // Release the key list of a finished group rather than holding it until the next access.
        if cleanupPosition == cleanupKeys.count { cleanupKeys = [] ; cleanupPosition = 0 }
    }
}
