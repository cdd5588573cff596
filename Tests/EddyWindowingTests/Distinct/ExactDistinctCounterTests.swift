import EddyCore
import EddyMemory
import Testing
@testable import EddyWindowing

@Suite struct ExactDistinctCounterTests {
    func run(_ counter: some SlidingDistinctCounter, _ events: [StreamEvent]) throws -> (results: [DistinctCountResult], late: Int) {
        var results: [DistinctCountResult] = []
        var late = 0
        for event in events {
            switch event {
            case .record(let user, let timestamp):
                if try !counter.add(user: user, timestamp: timestamp) { late += 1 }
            case .watermark(let watermark):
                try counter.advanceWatermark(to: watermark) { results.append($0) }
            }
        }
        return (results, late)
    }

    func memory(segments: Int = 4096, limit: Int? = nil) -> MemoryOwner {
        MemoryManager(budgetBytes: segments * 4096, segmentSize: 4096).register(owner: "uv", limit: limit)
    }

    @Test(arguments: [(60, 10), (10, 10), (360, 1), (35, 5)], [UInt64(1), 2, 3])
    func equalsABruteForceSetPerWindowOnDisorderedStreams(_ window: (Int64, Int64), _ seed: UInt64) throws {
        let windows = SliceWindows(sizeMillis: window.0, slideMillis: window.1)
        let events = DistinctStreamModel.stream(records: 6_000, users: 300, maxDelay: 15, seed: seed)
        let expected = DistinctStreamModel.expected(events, windows: windows)
        let counter = try ExactDistinctCounter(windows: windows, memory: memory())
        let actual = try run(counter, events)
        #expect(actual.results == expected.results)
        #expect(actual.late == expected.late)
        #expect(expected.late > 0)
        #expect(counter.bufferedRecords == 0)
    }

    @Test func negativeTimestampsAndSparseDataSkipEmptyWindows() throws {
        let windows = SliceWindows(sizeMillis: 30, slideMillis: 10)
        let events: [StreamEvent] = [
            .record(user: 1, timestamp: -25), .record(user: 2, timestamp: -5), .watermark(-1),
            .record(user: 1, timestamp: 1_000_000), .watermark(Int64.max),
        ]
        let counter = try ExactDistinctCounter(windows: windows, memory: memory())
        let actual = try run(counter, events).results
        #expect(actual == DistinctStreamModel.expected(events, windows: windows).results)
        #expect(actual.map(\.count) == [1, 1, 2, 1, 1, 1, 1, 1])
        #expect(actual.first == DistinctCountResult(start: -50, end: -20, count: 1))
    }

    @Test func staleUsersAreEvictedSoTheTableStaysAtTheWindowsUsers() throws {
        // 200 users per window, a new set every window: the table must not hold all 20,000.
        let windows = SliceWindows(sizeMillis: 100, slideMillis: 10)
        var events: [StreamEvent] = []
        for time in Int64(0)..<10_000 {
            events.append(.record(user: UInt64(time / 100) * 1000 + UInt64(time % 200), timestamp: time))
            if time % 10 == 9 { events.append(.watermark(time)) }
        }
        let counter = try ExactDistinctCounter(windows: windows, memory: memory())
        let actual = try run(counter, events).results
        #expect(actual == DistinctStreamModel.expected(events, windows: windows).results)
        #expect(counter.tableCount < 2_000)
    }

    @Test func aFullBudgetSpillsUsersAndStaysExact() throws {
        let windows = SliceWindows(sizeMillis: 2_000, slideMillis: 10)
        let events = DistinctStreamModel.stream(records: 30_000, users: 5_000, maxDelay: 15, seed: 9)
        let spill = DictionarySpillStore()
        // 4 segments of 4 KiB: a table of 3 pages (about 900 users), the rest spills.
        let counter = try ExactDistinctCounter(windows: windows, memory: memory(limit: 4), spill: spill)
        let actual = try run(counter, events)
        #expect(counter.spilling)
        #expect(spill.slices.count > 1_000)
        #expect(actual.results == DistinctStreamModel.expected(events, windows: windows).results)
    }

    @Test func withoutASpillStoreAFullBudgetFailsWithAMemoryError() throws {
        let windows = SliceWindows(sizeMillis: 2_000, slideMillis: 10)
        let events = DistinctStreamModel.stream(records: 30_000, users: 5_000, maxDelay: 15, seed: 9)
        let counter = try ExactDistinctCounter(windows: windows, memory: memory(limit: 4))
        let error = #expect(throws: MemoryError.self) { _ = try run(counter, events) }
        #expect(error?.code == .budgetExhausted)
    }
}
