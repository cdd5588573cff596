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

    /// Elements of `keys` keys with gaps that sometimes exceed the session gap, up to 40 ms of
    /// disorder, and watermarks that sometimes trail by less than that.
    static func steps(seed: UInt64, keys: UInt64 = 6) -> (steps: [Step], gap: Int64, lateness: Int64) {
        var random = SplitMix64(seed: seed)
        let gap = Int64(5 + random.nextInt(below: 20))
        let lateness = random.nextInt(below: 2) == 0 ? 0 : Int64(random.nextInt(below: 60))
        let bound = Int64(random.nextInt(below: 40))
        var steps: [Step] = []
        var time = Int64(random.nextInt(below: 100)) - 50
        var newest = time
        for _ in 0..<(50 + random.nextInt(below: 250) * (keys > 6 ? 8 : 1)) {
            if keys <= 6 || random.nextInt(below: 8) == 0 { time += Int64(random.nextInt(below: random.nextInt(below: 5) == 0 ? 30 : 4)) }
            newest = max(newest, time)
            let delay = random.nextInt(below: 4) == 0 ? Int64(random.nextInt(below: 40)) : 0
            steps.append(.element(Reading(key: Int64(random.nextInt(below: keys)), value: Int64(random.nextInt(below: 9)) + 1), time - delay))
            if random.nextInt(below: 6) == 0 { steps.append(.watermark(newest - bound)) }
        }
        return (steps, gap, lateness)
    }

    static func compare<A: WindowAssigner>(_ assigner: A, seed: Int, fixedSize: Bool = false) throws where A.Element == Reading, A.W == TimeWindow {
        let (steps, _, lateness) = Self.steps(seed: UInt64(seed))
        func window(_ keyed: KeyedStream<Reading, Int64>) -> WindowedStream<Reading, Int64, A, A.DefaultTrigger, NoEvictor<Reading, TimeWindow>> {
            keyed.window(assigner).allowedLateness(millis: lateness).sideOutputLateData(OutputTag("late"))
        }
        let general = try windowHarness { window($0).withGeneralOperator().aggregate(CountAndSum()) }
        // A fixed-size accumulator keeps one-session keys in the operator's table; [Int64] keeps
        // every key in the backend.
        let sessions = try fixedSize ? windowHarness { window($0).aggregate(FixedCountAndSum()) } : windowHarness { window($0).aggregate(CountAndSum()) }
        let expected = try SlicingPropertyTests.run(steps, general)
        let actual = try SlicingPropertyTests.run(steps, sessions)
        #expect(actual.records == expected.records, "seed \(seed), lateness \(lateness)")
        #expect(actual.late == expected.late, "seed \(seed), lateness \(lateness)")
        #expect(!expected.records.isEmpty)
        #expect(sessions.close() == 0, "the session table gave its pages back")
    }

    @Test(arguments: 0..<150)
    func fixedGapsMatchTheGeneralOperator(_ seed: Int) throws {
        try Self.compare(SessionWindows<Reading>.eventTime(gapMillis: Self.steps(seed: UInt64(seed)).gap), seed: seed)
    }

    @Test(arguments: 500..<600)
    func dynamicGapsMatchTheGeneralOperator(_ seed: Int) throws {
        try Self.compare(DynamicSessionWindows<Reading>.eventTime { 3 + $0.value * 2 }, seed: seed)
    }

    @Test(arguments: 1000..<1150)
    func tableSessionsMatchTheGeneralOperator(_ seed: Int) throws {
        try Self.compare(SessionWindows<Reading>.eventTime(gapMillis: Self.steps(seed: UInt64(seed)).gap), seed: seed, fixedSize: true)
    }

    @Test(arguments: 1500..<1600)
    func tableSessionsWithDynamicGapsMatchTheGeneralOperator(_ seed: Int) throws {
        try Self.compare(DynamicSessionWindows<Reading>.eventTime { 3 + $0.value * 2 }, seed: seed, fixedSize: true)
    }

    /// 120 keys through operators built directly, checkpointed at a random step and restored into
    /// one subtask or two (rescaled), on a table with room for all keys or for 72 (the rest in the
    /// backend): the general operator's results and late elements.
    @Test(arguments: 2000..<2080)
    func restoredRescaledAndFullTablesMatchTheGeneralOperator(_ seed: Int) throws {
        let (steps, gap, lateness) = Self.steps(seed: UInt64(seed), keys: 120)
        var random = SplitMix64(seed: UInt64(seed) &* 31)
        let segments = random.nextInt(below: 2) == 0 ? 1 : 256
        let cut = Int(random.nextInt(below: UInt64(steps.count)))
        let general = try windowHarness {
            $0.window(SessionWindows.eventTime(gapMillis: gap)).allowedLateness(millis: lateness).sideOutputLateData(OutputTag("late"))
                .withGeneralOperator().aggregate(CountAndSum())
        }
        let expected = try SlicingPropertyTests.run(steps, general)

        func run<S: Sequence<Step>>(_ steps: S, _ fixtures: [SessionFixture]) throws {
            for step in steps {
                switch step {
                case .element(let reading, let time): try fixtures.first { $0.owns(reading.key) }!.element(reading, at: time)
                case .watermark(let time): for fixture in fixtures { try fixture.watermark(time) }
                }
            }
        }
        let first = try SessionFixture(gap: gap, lateness: lateness, segments: segments)
        try run(steps[..<cut], [first])
        let snapshot = try first.checkpoint(1)
        let ranges = random.nextInt(below: 2) == 0
            ? [KeyGroupRange(start: 0, end: 127)] : [KeyGroupRange(start: 0, end: 50), KeyGroupRange(start: 51, end: 127)]
        let restored = try ranges.enumerated().map { index, range in
            try SessionFixture(
                storage: first.storage, gap: gap, lateness: lateness, segments: segments, range: range, subtask: index, restoring: [snapshot])
        }
        // As after a restart, the restored operators hear the last watermark again before elements.
        let last = steps[..<cut].reversed().lazy.compactMap { if case .watermark(let time) = $0 { time } else { nil } }.first
        try run(last.map { [Step.watermark($0)] } ?? [], restored)
        try run(steps[cut...], restored)
        for fixture in restored { try fixture.windows.processWatermark(.endOfTime) }
        let fixtures = [first] + restored
        let records = fixtures.flatMap(\.emitted).sorted()
        let late = fixtures.flatMap(\.late).sorted()
        #expect(records == expected.records, "seed \(seed), lateness \(lateness), \(segments) segments, cut at \(cut), \(ranges.count) subtasks")
        #expect(late == expected.late, "seed \(seed), lateness \(lateness), \(segments) segments, cut at \(cut)")
    }
}
