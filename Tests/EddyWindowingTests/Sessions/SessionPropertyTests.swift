import Eddy
import EddyCore
import EddyRuntime
import EddyTesting
import EddyWindowing
import Testing

/// The session operator gives exactly what the general operator gives for event-time sessions
/// (fixed and per-element gaps), on random disordered streams with lateness: every emitted result
/// with its timestamp and every late element, as multisets.
@Suite struct SessionPropertyTests {
    typealias Step = SlicingPropertyTests.Step

    /// Elements of 6 keys with gaps that sometimes exceed the session gap, up to 40 ms of disorder,
    /// and watermarks that sometimes trail by less than that.
    static func steps(seed: UInt64) -> (steps: [Step], gap: Int64, lateness: Int64) {
        var random = SplitMix64(seed: seed)
        let gap = Int64(5 + random.nextInt(below: 20))
        let lateness = random.nextInt(below: 2) == 0 ? 0 : Int64(random.nextInt(below: 60))
        let bound = Int64(random.nextInt(below: 40))
        var steps: [Step] = []
        var time = Int64(random.nextInt(below: 100)) - 50
        var newest = time
        for _ in 0..<(50 + random.nextInt(below: 250)) {
            time += Int64(random.nextInt(below: random.nextInt(below: 5) == 0 ? 30 : 4))
            newest = max(newest, time)
            let delay = random.nextInt(below: 4) == 0 ? Int64(random.nextInt(below: 40)) : 0
            steps.append(.element(Reading(key: Int64(random.nextInt(below: 6)), value: Int64(random.nextInt(below: 9)) + 1), time - delay))
            if random.nextInt(below: 6) == 0 { steps.append(.watermark(newest - bound)) }
        }
        return (steps, gap, lateness)
    }

    static func compare<A: WindowAssigner>(_ assigner: A, seed: Int) throws where A.Element == Reading, A.W == TimeWindow {
        let (steps, _, lateness) = Self.steps(seed: UInt64(seed))
        func window(_ keyed: KeyedStream<Reading, Int64>) -> WindowedStream<Reading, Int64, A, A.DefaultTrigger, NoEvictor<Reading, TimeWindow>> {
            keyed.window(assigner).allowedLateness(millis: lateness).sideOutputLateData(OutputTag("late"))
        }
        let general = try windowHarness { window($0).withGeneralOperator().aggregate(CountAndSum()) }
        let sessions = try windowHarness { window($0).aggregate(CountAndSum()) }
        let expected = try SlicingPropertyTests.run(steps, general)
        let actual = try SlicingPropertyTests.run(steps, sessions)
        #expect(actual.records == expected.records, "seed \(seed), lateness \(lateness)")
        #expect(actual.late == expected.late, "seed \(seed), lateness \(lateness)")
        #expect(!expected.records.isEmpty)
    }

    @Test(arguments: 0..<150)
    func fixedGapsMatchTheGeneralOperator(_ seed: Int) throws {
        try Self.compare(SessionWindows<Reading>.eventTime(gapMillis: Self.steps(seed: UInt64(seed)).gap), seed: seed)
    }

    @Test(arguments: 500..<600)
    func dynamicGapsMatchTheGeneralOperator(_ seed: Int) throws {
        try Self.compare(DynamicSessionWindows<Reading>.eventTime { 3 + $0.value * 2 }, seed: seed)
    }
}
