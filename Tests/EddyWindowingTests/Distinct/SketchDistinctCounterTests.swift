import EddyCore
import EddyMemory
import EddySketches
import Testing
@testable import EddyWindowing

@Suite struct SketchDistinctCounterTests {
    let memory = MemoryManager(budgetBytes: 512 << 20).register(owner: "sketches")

    func run(_ counter: some SlidingDistinctCounter, _ events: ArraySlice<StreamEvent>) throws -> [DistinctCountResult] {
        var results: [DistinctCountResult] = []
        for event in events {
            switch event {
            case .record(let user, let timestamp): _ = try counter.add(user: user, timestamp: timestamp)
            case .watermark(let watermark): try counter.advanceWatermark(to: watermark) { results.append($0) }
            }
        }
        return results
    }

    /// Mean and largest relative error against the exact model; the windows must be the same.
    func errors(_ actual: [DistinctCountResult], _ expected: [DistinctCountResult]) -> (mean: Double, max: Double) {
        #expect(actual.map(\.end) == expected.map(\.end))
        let relative = zip(actual, expected).map { abs(Double($0.count - $1.count)) / Double($1.count) }
        return (relative.reduce(0, +) / Double(max(relative.count, 1)), relative.max() ?? 0)
    }

    @Test(arguments: [(600, 10), (100, 100), (3_600, 10)])
    func hyperLogLogTracksTheExactCountWithinTwoPercent(_ window: (Int64, Int64)) throws {
        let windows = SliceWindows(sizeMillis: window.0, slideMillis: window.1)
        let events = DistinctStreamModel.stream(records: 10_000, users: 50_000, maxDelay: 15, step: 2, seed: 4)
        let expected = DistinctStreamModel.expected(events, windows: windows).results
        let counter = SketchDistinctCounter<HyperLogLog>(windows: windows, hllPrecision: 14, memory: memory)
        let (mean, worst) = errors(try run(counter, events[...]), expected)
        #expect(mean < 0.02)
        #expect(worst < 0.08)
        // The tiers hold about one sketch per slice of a window (plus the back union and pending slices).
        #expect(counter.memoryBytes <= (Int(windows.slicesPerWindow) + 4) * 32 * 1024)
    }

    /// Windows of about 10,000 users: the fill's sampling noise is then well under 1 %.
    @Test(arguments: [(10_000, 1_000), (2_000, 2_000)])
    func bloomFiltersTrackTheExactCountWithinOnePercent(_ window: (Int64, Int64)) throws {
        let windows = SliceWindows(sizeMillis: window.0, slideMillis: window.1)
        let events = DistinctStreamModel.stream(records: 40_000, users: 1 << 30, maxDelay: 15, step: 1, seed: 6)
        let expected = DistinctStreamModel.expected(events, windows: windows).results
        let counter = SketchDistinctCounter<SplitBlockBloomFilter>(
            windows: windows, expectedUsers: Int(expected.map(\.count).max()!), falsePositiveRate: 0.01, memory: memory)
        let (mean, _) = errors(try run(counter, events[...]), expected)
        #expect(mean < 0.01)
    }

    @Test func restoredSketchCountersContinueIdentically() throws {
        let windows = SliceWindows(sizeMillis: 300, slideMillis: 10)
        let events = DistinctStreamModel.stream(records: 8_000, users: 3_000, maxDelay: 15, seed: 8)
        let original = SketchDistinctCounter<HyperLogLog>(windows: windows, hllPrecision: 12, memory: memory)
        _ = try run(original, events[..<4_000])
        let snapshots = IncrementalPageSnapshots()
        let (structures, extra) = original.snapshotContents()
        let prepared = snapshots.prepare(checkpointID: 1, structures: structures, pageFilePath: "pages", extra: extra)
        let restoredStructures = try IncrementalPageSnapshots().restore(prepared.manifest) { _ in prepared.pageFile }
        let restored = SketchDistinctCounter<HyperLogLog>(windows: windows, hllPrecision: 12, memory: memory)
        try restored.restore(structures: restoredStructures, extra: prepared.manifest.extra)
        #expect(try run(original, events[4_000...]) == run(restored, events[4_000...]))
    }
}
