import EddyState
import Foundation
import Testing

@Suite("State TTL config")
struct StateTTLConfigTests {
    @Test("a value expires once now reaches its timestamp plus the TTL")
    func boundary() {
        let ttl = StateTTLConfig(timeToLiveMillis: 1000)
        #expect(!ttl.isExpired(timestamp: 5000, now: 5000))
        #expect(!ttl.isExpired(timestamp: 5000, now: 5999))
        #expect(ttl.isExpired(timestamp: 5000, now: 6000))
        #expect(ttl.isExpired(timestamp: 5000, now: .max))
        #expect(!ttl.isExpired(timestamp: 5000, now: 0))  // a clock that went backwards
    }

    @Test("a huge TTL never wraps around into the past", arguments: [Int64.max, Int64.max - 1, Int64.max / 2 + 1])
    func hugeTTL(millis: Int64) {
        let ttl = StateTTLConfig(timeToLiveMillis: millis)
        let now = Int64(1_700_000_000_000)
        #expect(!ttl.isExpired(timestamp: now, now: now))
        #expect(!ttl.isExpired(timestamp: now, now: now + 86_400_000))
        #expect(!ttl.isExpired(timestamp: .max, now: .max))
        #expect(!ttl.isExpired(timestamp: .max - 1, now: .max))
    }

    @Test("negative timestamps (before the epoch) do not trap")
    func negativeTimestamps() {
        let ttl = StateTTLConfig(timeToLiveMillis: .max)
        #expect(ttl.isExpired(timestamp: .min, now: 0))
        #expect(!ttl.isExpired(timestamp: .min, now: -2))
        #expect(StateTTLConfig(timeToLiveMillis: 1).isExpired(timestamp: .min, now: .min + 1))
    }

    @Test("defaults follow Flink and the config round-trips through Codable")
    func defaultsAndCodable() throws {
        let ttl = StateTTLConfig(timeToLiveMillis: 60_000)
        #expect(ttl.updateType == .onCreateAndWrite)
        #expect(ttl.visibility == .neverReturnExpired)
        #expect(ttl.incrementalCleanupSize == 5)
        #expect(ttl.compactionFilterQueryTimeAfterEntries == 1000)
        let custom = StateTTLConfig(
            timeToLiveMillis: 5, updateType: .onReadAndWrite, visibility: .returnExpiredIfNotCleanedUp,
            incrementalCleanupSize: 0, cleanupInFullSnapshot: false, compactionFilterQueryTimeAfterEntries: 0)
        let decoded = try JSONDecoder().decode(StateTTLConfig.self, from: JSONEncoder().encode(custom))
        #expect(decoded == custom)
    }
}
