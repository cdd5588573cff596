import Testing
@testable import EddyRuntime

@Suite struct InternalTimerServiceTests {
    @Test func timersAreDeduplicatedPerKeyNamespaceAndTime() {
        let timers = makeTimerService()
        #expect(timers.registerEventTimeTimer(key: "a", namespace: 1, time: 10))
        #expect(!timers.registerEventTimeTimer(key: "a", namespace: 1, time: 10))
        #expect(timers.registerEventTimeTimer(key: "a", namespace: 2, time: 10))
        #expect(timers.registerEventTimeTimer(key: "b", namespace: 1, time: 10))
        #expect(timers.registerEventTimeTimer(key: "a", namespace: 1, time: 11))
        #expect(timers.registerProcessingTimeTimer(key: "a", namespace: 1, time: 10))  // another domain
        #expect(timers.numberOfEventTimeTimers == 4)
        #expect(timers.numberOfProcessingTimeTimers == 1)
        var fired: [FiredTimer] = []
        timers.advanceWatermark(to: 10) { fired.append(FiredTimer(key: $0, namespace: $1, time: $2)) }
        #expect(fired.map(\.description) == ["a/1@10", "a/2@10", "b/1@10"])
        #expect(timers.registerEventTimeTimer(key: "a", namespace: 1, time: 10))  // fired, so new again
    }

    @Test func deletedTimersDoNotFire() {
        let timers = makeTimerService()
        for time: Int64 in [30, 10, 20] { timers.registerEventTimeTimer(key: "k", namespace: 0, time: time) }
        #expect(timers.deleteEventTimeTimer(key: "k", namespace: 0, time: 20))
        #expect(!timers.deleteEventTimeTimer(key: "k", namespace: 0, time: 20))
        #expect(!timers.deleteEventTimeTimer(key: "k", namespace: 1, time: 10))
        #expect(!timers.deleteProcessingTimeTimer(key: "k", namespace: 0, time: 10))
        #expect(timers.numberOfEventTimeTimers == 2)
        #expect(timers.drain().event.map(\.time) == [10, 30])
    }

    @Test func timersFireInTimeOrderUpToTheWatermarkWithTiesInRegistrationOrder() {
        let timers = makeTimerService()
        timers.registerEventTimeTimer(key: "c", namespace: 0, time: 50)
        timers.registerEventTimeTimer(key: "a", namespace: 0, time: 20)
        timers.registerEventTimeTimer(key: "b", namespace: 0, time: 50)
        timers.registerEventTimeTimer(key: "a", namespace: 1, time: 50)
        timers.registerEventTimeTimer(key: "d", namespace: 0, time: 51)
        timers.registerEventTimeTimer(key: "e", namespace: 0, time: -5)
        var fired: [String] = []
        timers.advanceWatermark(to: 50) { fired.append(FiredTimer(key: $0, namespace: $1, time: $2).description) }
        #expect(fired == ["e/0@-5", "a/0@20", "c/0@50", "b/0@50", "a/1@50"])
        #expect(timers.currentWatermark == 50)
        #expect(timers.nextEventTimerTime == 51)
        fired.removeAll()
        timers.advanceWatermark(to: 50) { _, _, _ in fired.append("again") }
        #expect(fired.isEmpty)
    }

    @Test func timersRegisteredWhileFiringAtOrBeforeTheWatermarkFireInTheSameAdvance() {
        let timers = makeTimerService()
        timers.registerEventTimeTimer(key: "k", namespace: 0, time: 10)
        var fired: [Int64] = []
        timers.advanceWatermark(to: 20) { key, namespace, time in
            fired.append(time)
            if time == 10 {
                timers.registerEventTimeTimer(key: key, namespace: namespace, time: 15)
                timers.registerEventTimeTimer(key: key, namespace: namespace, time: 20)
                timers.registerEventTimeTimer(key: key, namespace: namespace, time: 25)
                timers.registerEventTimeTimer(key: "other", namespace: 0, time: 5)  // already past: fires now
            }
            if time == 15 { timers.deleteEventTimeTimer(key: key, namespace: namespace, time: 20) }
        }
        #expect(fired == [10, 5, 15])
        #expect(timers.numberOfEventTimeTimers == 1)
        #expect(timers.nextEventTimerTime == 25)
    }

    @Test func processingTimeTimersFireOnTheirOwnAndGiveTheNextWakeUp() throws {
        let timers = makeTimerService()
        #expect(timers.nextProcessingTimerTime == nil)
        timers.registerProcessingTimeTimer(key: "a", namespace: 0, time: 1_000)
        timers.registerProcessingTimeTimer(key: "b", namespace: 0, time: 500)
        timers.registerEventTimeTimer(key: "c", namespace: 0, time: 100)
        #expect(timers.nextProcessingTimerTime == 500)
        var fired: [String] = []
        timers.advanceProcessingTime(to: 700) { key, _, _ in fired.append(key) }
        #expect(fired == ["b"])
        #expect(timers.currentProcessingTime == 700)
        #expect(timers.nextProcessingTimerTime == 1_000)
        #expect(timers.numberOfEventTimeTimers == 1)  // processing time does not touch event time
        timers.deleteProcessingTimeTimer(key: "a", namespace: 0, time: 1_000)
        #expect(timers.nextProcessingTimerTime == nil)
    }

    @Test func anErrorFromFireStopsTheAdvanceAndKeepsTheRest() {
        struct Boom: Error {}
        let timers = makeTimerService()
        for time: Int64 in 1...3 { timers.registerEventTimeTimer(key: "k", namespace: 0, time: time) }
        #expect(throws: Boom.self) {
            try timers.advanceWatermark(to: 3) { _, _, time in if time == 2 { throw Boom() } }
        }
        #expect(timers.numberOfEventTimeTimers == 1)
        #expect(timers.nextEventTimerTime == 3)
    }

    /// Random registers, deletes and advances against a sorted reference list.
    @Test func randomOperationsMatchAReferenceModel() {
        var random = SeededGenerator(seed: 42)
        let timers = makeTimerService()
        var model: [FiredTimer] = []  // in registration order; fire order = stable sort on time
        var watermark: Int64 = 0
        for _ in 0..<5_000 {
            let timer = FiredTimer(
                key: "k\(Int.random(in: 0..<40, using: &random))", namespace: Int64.random(in: 0..<3, using: &random),
                time: watermark + Int64.random(in: 0..<200, using: &random))
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                let added = timers.registerEventTimeTimer(key: timer.key, namespace: timer.namespace, time: timer.time)
                #expect(added == !model.contains(timer))
                if added { model.append(timer) }
            case 6..<9:
                let victim = model.isEmpty ? timer : model[Int.random(in: 0..<model.count, using: &random)]
                let deleted = timers.deleteEventTimeTimer(
                    key: victim.key, namespace: victim.namespace, time: victim.time)
                #expect(deleted == model.contains(victim))
                model.removeAll { $0 == victim }
            default:
                watermark += Int64.random(in: 0..<100, using: &random)
                var fired: [FiredTimer] = []
                timers.advanceWatermark(to: watermark) { fired.append(FiredTimer(key: $0, namespace: $1, time: $2)) }
                let expected = model.enumerated().filter { $0.element.time <= watermark }
                    .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
                #expect(fired == expected)
                model.removeAll { $0.time <= watermark }
            }
            #expect(timers.numberOfEventTimeTimers == model.count)
        }
    }
}
