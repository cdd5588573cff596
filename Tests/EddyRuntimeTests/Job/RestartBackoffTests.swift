import Testing

@testable import EddyRuntime

@Suite struct RestartBackoffTests {
    @Test func noneFailsAtOnce() {
        var backoff = RestartStrategy.none.makeBackoff()
        #expect(backoff.delayAfterFailure(atMillis: 0) == nil)
    }

    @Test func fixedDelayGrantsItsAttempts() {
        var backoff = RestartStrategy.fixedDelay(attempts: 2, delayMillis: 500).makeBackoff()
        #expect(backoff.delayAfterFailure(atMillis: 0) == 500)
        #expect(backoff.delayAfterFailure(atMillis: 10) == 500)
        #expect(backoff.delayAfterFailure(atMillis: 20) == nil)
        #expect(backoff.restartCount == 2)
    }

    @Test func exponentialDelayGrowsCapsAndResets() {
        var backoff = RestartStrategy.exponentialDelay(
            initialMillis: 100, maxMillis: 1_000, multiplier: 2, resetAfterMillis: 10_000, jitter: 0
        ).makeBackoff()
        let delays = (0..<6).map { backoff.delayAfterFailure(atMillis: Int64($0) * 10) }
        #expect(delays == [100, 200, 400, 800, 1_000, 1_000])
        #expect(backoff.delayAfterFailure(atMillis: 50 + 10_000) == 100, "quiet for the reset threshold")
    }

    @Test func jitterStaysWithinItsFractionAndVaries() {
        var backoff = RestartStrategy.exponentialDelay(
            initialMillis: 1_000, maxMillis: 1_000, multiplier: 1, resetAfterMillis: .max, jitter: 0.1
        ).makeBackoff(seed: 7)
        let delays = (0..<50).compactMap { backoff.delayAfterFailure(atMillis: Int64($0)) }
        #expect(delays.count == 50)
        #expect(delays.allSatisfy { (900...1_100).contains($0) })
        #expect(Set(delays).count > 10)
    }

    @Test func failureRateCountsFailuresInTheInterval() {
        var backoff = RestartStrategy.failureRate(maxFailures: 2, intervalMillis: 1_000, delayMillis: 5).makeBackoff()
        #expect(backoff.delayAfterFailure(atMillis: 0) == 5)
        #expect(backoff.delayAfterFailure(atMillis: 500) == 5)
        #expect(backoff.delayAfterFailure(atMillis: 1_200) == 5, "the failure at 0 left the interval")
        #expect(backoff.delayAfterFailure(atMillis: 1_300) == nil, "three failures within 1 s")
    }
}
