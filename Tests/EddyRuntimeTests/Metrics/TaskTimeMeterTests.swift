import Testing
@testable import EddyRuntime

@Suite struct TaskTimeMeterTests {
    static let second: UInt64 = 1_000_000_000

    /// Within every second: 600 ms busy, 300 ms backpressured, 100 ms idle.
    func simulate(_ accounting: TaskTimeAccounting, second s: UInt64) {
        let base = s * Self.second
        accounting.enter(.busy, now: base)
        accounting.enter(.backpressured, now: base + 600_000_000)
        accounting.enter(.idle, now: base + 900_000_000)
    }

    @Test func sharesAddUpToOneThousandMillisecondsPerSecond() throws {
        let accounting = TaskTimeAccounting(state: .idle, now: 0)
        let meter = TaskTimeMeter(accounting: accounting, span: .seconds(5))
        #expect(meter.millisecondsPerSecond == nil)
        for s in 0..<10 {
            simulate(accounting, second: UInt64(s))
            meter.update(now: UInt64(s) * Self.second + 950_000_000)  // the reporter, mid-idle
        }
        let shares = try #require(meter.millisecondsPerSecond)
        #expect(abs(shares.sum - 1000) < 1e-6)
        #expect(abs(shares.busy - 600) < 1e-6)
        #expect(abs(shares.backpressured - 300) < 1e-6)
        #expect(abs(shares.idle - 100) < 1e-6)
    }

    @Test func sharesFollowAChangeWithinTheSpan() throws {
        let accounting = TaskTimeAccounting(state: .busy, now: 0)
        let meter = TaskTimeMeter(accounting: accounting, span: .seconds(2))
        for s in 0...4 { meter.update(now: UInt64(s) * Self.second) }
        #expect(try #require(meter.millisecondsPerSecond).busy == 1000)
        accounting.enter(.idle, now: 4 * Self.second)
        meter.update(now: 5 * Self.second)  // window 3 s...5 s: half busy, half idle
        let half = try #require(meter.millisecondsPerSecond)
        #expect(half == TaskTimeShares(busy: 500, backpressured: 0, idle: 500))
        meter.update(now: 6 * Self.second)
        #expect(try #require(meter.millisecondsPerSecond).idle == 1000)
    }

    /// Irregular samples (a late reporter) still add up.
    @Test func irregularSamplesStillAddUp() throws {
        let accounting = TaskTimeAccounting(state: .idle, now: 0)
        let meter = TaskTimeMeter(accounting: accounting)
        var now: UInt64 = 0
        var next = 0
        for step in 0..<500 {
            now += UInt64(1 + (step * 7919) % 13) * 1_000_000
            accounting.enter(TaskTimeState.allCases[next % 3], now: now)
            next += step % 2 + 1
            if step % 37 == 0 { meter.update(now: now + 333) }
        }
        let shares = try #require(meter.millisecondsPerSecond)
        #expect(abs(shares.sum - 1000) < 1e-6)
    }
}
