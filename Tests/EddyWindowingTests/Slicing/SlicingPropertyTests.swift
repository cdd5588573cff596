import Eddy
import EddyCore
import EddyRuntime
import EddyTesting
import EddyWindowing
import Testing

/// The slicing operator gives exactly what the general operator gives, on random disordered
/// streams with lateness: every emitted (key, result, timestamp) and every late element, as
/// multisets (the two fire the keys of one window in different orders).
@Suite struct SlicingPropertyTests {
    enum Step {
        case element(Reading, Int64)
        case watermark(Int64)
    }

    struct Case: CustomStringConvertible {
        var seed: UInt64
        var shape: String
        var lateness: Int64
        var steps: [Step]
        var description: String { "seed \(seed): \(shape), lateness \(lateness), \(steps.count) steps" }
    }

    /// A random stream: time advances by up to 5 ms per element, some elements are up to 60 ms
    /// late, and watermarks trail the newest timestamp by a bound that is sometimes too small.
    static func makeCase(seed: UInt64) -> (Case, AnyAlignedWindows) {
        var random = SplitMix64(seed: seed)
        let slice = Int64([5, 10, 15][Int(random.nextInt(below: 3))])
        let offset = Int64(random.nextInt(below: UInt64(slice)))
        let shape = random.nextInt(below: 4)
        let lateness = random.nextInt(below: 2) == 0 ? 0 : Int64(random.nextInt(below: 80))
        let bound = Int64(random.nextInt(below: 50))
        var steps: [Step] = []
        var time = Int64(random.nextInt(below: 100)) - 50
        var newest = time
        for _ in 0..<(50 + random.nextInt(below: 250)) {
            time += Int64(random.nextInt(below: 6))
            newest = max(newest, time)
            let delay = random.nextInt(below: 4) == 0 ? Int64(random.nextInt(below: 60)) : 0
            steps.append(.element(Reading(key: Int64(random.nextInt(below: 5)), value: Int64(random.nextInt(below: 100)) - 20), time - delay))
            if random.nextInt(below: 8) == 0 { steps.append(.watermark(newest - bound)) }
        }
        let choice: AnyAlignedWindows.Choice
        switch shape {
        case 0: choice = .tumbling(TumblingWindows.eventTime(sizeMillis: slice * 2, offsetMillis: offset))
        case 1: choice = .sliding(SlidingWindows.eventTime(sizeMillis: slice * 3, slideMillis: slice, offsetMillis: offset))
        case 2: choice = .sliding(SlidingWindows.eventTime(sizeMillis: slice * 16, slideMillis: slice * 2, offsetMillis: offset))  // pre-combined blocks
        default: choice = .cumulative(CumulativeWindows.eventTime(stepMillis: slice, maxSizeMillis: slice * 4, offsetMillis: offset))
        }
        let assigner = AnyAlignedWindows(choice: choice)
        return (Case(seed: seed, shape: "\(assigner) offset \(offset)", lateness: lateness, steps: steps), assigner)
    }

    static func window(
        _ keyed: KeyedStream<Reading, Int64>, _ assigner: AnyAlignedWindows, _ testCase: Case
    ) -> WindowedStream<Reading, Int64, AnyAlignedWindows, DefaultTimeTrigger<Reading, TimeWindow>, NoEvictor<Reading, TimeWindow>> {
        keyed.window(assigner).allowedLateness(millis: testCase.lateness).sideOutputLateData(OutputTag("late"))
    }

    /// Runs the steps through a harness; returns its records and late elements, sorted.
    static func run<Out: StreamSerializable>(
        _ steps: [Step], _ harness: OneInputHarness<Reading, Out>
    ) throws -> (records: [String], late: [String], segmentsBeforeEnd: Int) {
        for step in steps {
            switch step {
            case .element(let reading, let timestamp): try harness.processElement(reading, timestamp: timestamp)
            case .watermark(let watermark): try harness.processWatermark(watermark)
            }
        }
        let segments = harness.memory.statistics.usedSegments
        try harness.endInput()
        let records = harness.records.map { "\($0.value)@\($0.timestamp.map(String.init) ?? "-")" }.sorted()
        let late = (harness.sideOutputs["late"] ?? []).map { "\($0)" }.sorted()
        return (records, late, segments)
    }

    @Test(arguments: 0..<150)
    func reduceMatchesTheGeneralOperator(_ seed: Int) throws {
        let (testCase, assigner) = Self.makeCase(seed: UInt64(seed))
        let general = try windowHarness { Self.window($0, assigner, testCase).withGeneralOperator().reduce(sum) }
        let sliced = try windowHarness { Self.window($0, assigner, testCase).reduce(sum) }
        let expected = try Self.run(testCase.steps, general)
        let actual = try Self.run(testCase.steps, sliced)
        #expect(actual.records == expected.records, "\(testCase)")
        #expect(actual.late == expected.late, "\(testCase)")
        #expect(!expected.records.isEmpty)
        // Only the slicing operator keeps segment tables.
        #expect(expected.segmentsBeforeEnd == 0 && actual.segmentsBeforeEnd > 0)
    }

    @Test(arguments: 1000..<1150)
    func aggregateMatchesTheGeneralOperator(_ seed: Int) throws {
        let (testCase, assigner) = Self.makeCase(seed: UInt64(seed))
        let general = try windowHarness { Self.window($0, assigner, testCase).withGeneralOperator().aggregate(CountAndSum()) }
        let sliced = try windowHarness { Self.window($0, assigner, testCase).aggregate(CountAndSum()) }
        let expected = try Self.run(testCase.steps, general)
        let actual = try Self.run(testCase.steps, sliced)
        #expect(actual.records == expected.records, "\(testCase)")
        #expect(actual.late == expected.late, "\(testCase)")
    }
}
