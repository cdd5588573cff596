import Foundation
import Testing
@testable import EddyRuntime

@Suite struct TaskTimeAccountingTests {
    @Test func totalsMatchInjectedTransitions() {
        let accounting = TaskTimeAccounting(state: .idle, now: 1_000)
        accounting.enter(.busy, now: 1_500)  // idle 500
        accounting.enter(.backpressured, now: 2_500)  // busy 1000
        accounting.enter(.busy, now: 2_600)  // backpressured 100
        accounting.enter(.idle, now: 4_000)  // busy 1400
        let totals = accounting.totals(now: 5_000)  // idle 1000 in progress
        #expect(totals == TaskTimeTotals(busy: 2_400, backpressured: 100, idle: 1_500))
        #expect(totals.sum == 4_000)
        #expect(accounting.state == .idle)
    }

    @Test func stateInProgressCountsUpToNow() {
        let accounting = TaskTimeAccounting(state: .busy, now: 0)
        #expect(accounting.totals(now: 0) == TaskTimeTotals())
        #expect(accounting.totals(now: 700).busy == 700)
        #expect(accounting.totals(now: 900).busy == 900)
        // A reading before the last transition counts as that transition's time.
        accounting.enter(.idle, now: 1_000)
        #expect(accounting.totals(now: 500) == TaskTimeTotals(busy: 1_000))
    }

    @Test func reenteringTheSameStateChangesNothing() {
        let accounting = TaskTimeAccounting(state: .busy, now: 0)
        accounting.enter(.busy, now: 100)
        accounting.enter(.busy, now: 200)
        accounting.enter(.idle, now: 300)
        #expect(accounting.totals(now: 300) == TaskTimeTotals(busy: 300))
    }

    @Test func timeGoingBackwardsIsClamped() {
        let accounting = TaskTimeAccounting(state: .idle, now: 1_000)
        accounting.enter(.busy, now: 900)
        accounting.enter(.idle, now: 1_100)
        #expect(accounting.totals(now: 1_100) == TaskTimeTotals(busy: 100, idle: 0))
    }

    /// A reader racing the writer never sees a half-written transition: every reading at a time
    /// after all transitions adds up to exactly that time.
    @Test func concurrentReadingsAreConsistent() {
        let accounting = TaskTimeAccounting(state: .idle, now: 0)
        let states = TaskTimeState.allCases
        let done = DispatchSemaphore(value: 0)
        Thread {
            for i in 1...1_000_000 { accounting.enter(states[i % 3], now: UInt64(i) * 7) }
            done.signal()
        }.start()
        let readAt: UInt64 = 10_000_000
        var inconsistent = 0
        var readings = 0
        while done.wait(timeout: .now()) == .timedOut {
            if accounting.totals(now: readAt).sum != readAt { inconsistent += 1 }
            readings += 1
        }
        #expect(inconsistent == 0, "\(inconsistent) of \(readings) readings did not add up")
        #expect(accounting.totals(now: readAt).sum == readAt)
    }
}
