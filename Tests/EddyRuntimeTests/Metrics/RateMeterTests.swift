import Testing
@testable import EddyRuntime

@Suite struct RateMeterTests {
    static let second: UInt64 = 1_000_000_000

    @Test func rateOfASteadyCounter() {
        let counter = SingleWriterCounter()
        let meter = RateMeter(counter: counter, span: .seconds(5))
        #expect(meter.ratePerSecond == 0)
        meter.update(now: 0)
        #expect(meter.ratePerSecond == 0)
        for s in 1...10 {
            counter.increment(by: 100)
            meter.update(now: UInt64(s) * Self.second)
        }
        #expect(meter.ratePerSecond == 100)
        #expect(meter.count == 1_000)
    }

    @Test func rateFollowsAChangeOverTheSpan() {
        let counter = SingleWriterCounter()
        let meter = RateMeter(counter: counter, span: .seconds(4))
        meter.update(now: 0)
        for s in 1...8 {
            counter.increment(by: 100)
            meter.update(now: UInt64(s) * Self.second)
        }
        for s in 9...10 {
            counter.increment(by: 500)
            meter.update(now: UInt64(s) * Self.second)
        }
        #expect(meter.ratePerSecond == (2 * 100 + 2 * 500) / 4)  // seconds 7...10
        for s in 11...12 {
            counter.increment(by: 500)
            meter.update(now: UInt64(s) * Self.second)
        }
        #expect(meter.ratePerSecond == 500)
    }

    @Test func defaultSpanIsSixtySecondsAndTheWindowStaysBounded() {
        let counter = SingleWriterCounter()
        let meter = RateMeter(counter: counter)
        #expect(meter.spanNanoseconds == 60 * Self.second)
        for s in 0..<600 {
            counter.increment(by: 7)
            meter.update(now: UInt64(s) * Self.second)
        }
        #expect(meter.sampleCount == 61)
        #expect(meter.ratePerSecond == 7)
    }

    @Test func lateAndRepeatedSamples() {
        let counter = SingleWriterCounter()
        let meter = RateMeter(counter: counter, span: .seconds(10))
        meter.update(now: 0)
        counter.increment(by: 50)
        meter.update(now: 2 * Self.second)
        meter.update(now: 1 * Self.second)  // older than the newest: dropped
        #expect(meter.ratePerSecond == 25)
        counter.increment(by: 50)
        meter.update(now: 2 * Self.second)  // same time: replaces
        #expect(meter.ratePerSecond == 50)
        #expect(meter.sampleCount == 2)
    }
}
