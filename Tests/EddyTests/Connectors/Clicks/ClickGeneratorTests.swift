import Testing
import EddyRuntime

@testable import Eddy

@Suite struct ClickGeneratorTests {
    static let options = ClickGeneratorOptions(
        events: 50_000, users: 1000, items: 200, eventsPerSecond: 1000, seed: 12345)

    @Test func sameSeedGivesSameSequence() {
        let first = Array(ClickGenerator(options: Self.options))
        let second = Array(ClickGenerator(options: Self.options))
        #expect(first.count == Self.options.events)
        #expect(first == second)
    }

    @Test func differentSeedsDiffer() {
        var other = Self.options
        other.seed = 12346
        let first = Array(ClickGenerator(options: Self.options).prefix(100))
        let second = Array(ClickGenerator(options: other).prefix(100))
        #expect(first != second)
    }

    @Test func fillMatchesNext() {
        var batched = ClickGenerator(options: Self.options)
        var batch: [Click] = []
        var all: [Click] = []
        while batched.fill(into: &batch, max: 777) > 0 { all.append(contentsOf: batch) }
        #expect(all == Array(ClickGenerator(options: Self.options)))
        #expect(batched.next() == nil)
        #expect(batched.fill(into: &batch, max: 10) == 0 && batch.isEmpty)
    }

    @Test func valuesStayInRange() {
        var usersSeen = Set<Int64>()
        for click in ClickGenerator(options: Self.options) {
            #expect(click.userID >= 0 && click.userID < 1000)
            #expect(click.itemID >= 0 && click.itemID < 200)
            usersSeen.insert(click.userID)
        }
        // 50 draws per user on average: all users appear.
        #expect(usersSeen.count == 1000)
    }

    @Test func disorderIsBoundedAndLateFractionIsRespected() {
        let options = Self.options
        var late = 0
        var maxTimestampSoFar = options.startMillis
        var maxDisorder: Int64 = 0
        for (index, click) in ClickGenerator(options: options).enumerated() {
            let base = options.startMillis + Int64(index) * 1000 / Int64(options.eventsPerSecond)
            let delay = base - click.timestampMillis
            #expect(delay >= 0 && delay <= options.maxDelayMillis)
            if delay > 0 { late += 1 }
            maxDisorder = max(maxDisorder, maxTimestampSoFar - click.timestampMillis)
            maxTimestampSoFar = max(maxTimestampSoFar, click.timestampMillis)
        }
        #expect(maxDisorder <= options.maxDelayMillis)
        #expect(maxDisorder > 0)
        // 5% of 50k = 2500 expected; binomial standard deviation ≈ 49, so ±300 is over 6 sigma.
        #expect(abs(late - 2500) < 300)
    }

    @Test func noLateEventsWhenFractionIsZero() {
        var options = Self.options
        options.lateFraction = 0
        let timestamps = ClickGenerator(options: options).map(\.timestampMillis)
        #expect(timestamps == timestamps.sorted())
    }

    @Test func averageRateMatchesEventsPerSecond() {
        var options = Self.options
        options.eventsPerSecond = 250
        options.lateFraction = 0
        let clicks = Array(ClickGenerator(options: options))
        let spanSeconds = Double(clicks.last!.timestampMillis - clicks.first!.timestampMillis) / 1000
        let rate = Double(clicks.count - 1) / spanSeconds
        #expect(abs(rate - 250) < 1)
        #expect(clicks.first!.timestampMillis == ClickGeneratorOptions.defaultStartMillis)
    }

    @Test func invalidOptionsAreNamed() {
        var options = Self.options
        options.users = 0
        #expect(throws: ClickGeneratorOptions.InvalidOptions.self) { try options.validate() }
        do {
            try options.validate()
        } catch {
            #expect(error.message.contains("users"))
        }
        options = Self.options
        options.lateFraction = 1.5
        #expect(throws: ClickGeneratorOptions.InvalidOptions.self) { try options.validate() }
    }
}

@Suite struct ClickGeneratorProgressTests {
    static let options = ClickGeneratorOptions(events: 5_000, users: 100, items: 10, eventsPerSecond: 1000, seed: 3)

    /// Runs `parallelism` subtasks for `polls` polls of 97 records each, restoring `states`.
    func run(parallelism: Int, polls: Int, restoring states: [[UInt8]]) throws -> (clicks: [Click], states: [[UInt8]]) {
        var clicks: [Click] = []
        var next: [[UInt8]] = []
        for subtask in 0..<parallelism {
            let source = ClickGeneratorSource(options: Self.options)
            try source.restoreProgress(states)
            try source.open(subtaskIndex: subtask, parallelism: parallelism)
            let output = Output<Click>(record: { click, _ in clicks.append(click) })
            for _ in 0..<polls where try source.poll(into: output, budget: 97) != .endOfInput {}
            next.append(source.progress())
        }
        return (clicks, next)
    }

    @Test func restoresWithAnotherParallelismEmittingEveryEventOnce() throws {
        var clicks: [Click] = []
        var states: [[UInt8]] = []
        for (parallelism, polls) in [(3, 5), (2, 7), (4, 3), (1, 10_000)] {
            let step = try run(parallelism: parallelism, polls: polls, restoring: states)
            clicks += step.clicks
            states = step.states
        }
        let expected = Array(ClickGenerator(options: Self.options))
        #expect(clicks.count == expected.count)
        let key: (Click) -> String = { "\($0.timestampMillis)/\($0.userID)/\($0.itemID)" }
        #expect(clicks.map(key).sorted() == expected.map(key).sorted())
    }
}
