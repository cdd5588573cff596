import Testing
@testable import EddyRuntime

/// Deleted timers stay in the heap, cancelled, until they reach the top or a rebuild drops them:
/// a delete-heavy workload (sessions moving their end timers) fires exactly what a model says.
@Suite struct TimerQueueLazyDeletionTests {
    @Test func deletesRegistrationsAndFiringsMatchAModel() {
        let timers = makeTimerService()
        var model: Set<FiredTimer> = []
        var random = UInt64(7)
        func next(_ bound: UInt64) -> Int64 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((random >> 33) % bound)
        }
        var fired: [FiredTimer] = []
        for round in 0..<20_000 {
            let timer = FiredTimer(key: "k\(next(50))", namespace: next(3), time: Int64(round / 10) + next(400))
            if next(3) == 0 {
                #expect(timers.deleteEventTimeTimer(key: timer.key, namespace: timer.namespace, time: timer.time) == model.contains(timer))
                model.remove(timer)
            } else {
                #expect(timers.registerEventTimeTimer(key: timer.key, namespace: timer.namespace, time: timer.time) == !model.contains(timer))
                model.insert(timer)
            }
            #expect(timers.numberOfEventTimeTimers == model.count)
            if round % 500 == 499 {
                let watermark = Int64(round / 10)
                timers.advanceWatermark(to: watermark) { fired.append(FiredTimer(key: $0, namespace: $1, time: $2)) }
                let due = model.filter { $0.time <= watermark }
                #expect(Set(fired) == due)
                #expect(fired.map(\.time) == fired.map(\.time).sorted())
                model.subtract(due)
                #expect(timers.nextEventTimerTime == model.map(\.time).min())
                fired.removeAll()
            }
        }
    }
}
