import Eddy
import EddyCore
import EddyMemory
import EddyRuntime
import EddyWindowing
import Foundation

extension UniqueVisitorBenchmarks {
    /// The UV job at parallelism 1 (exact), from a CSV file when `csvDirectory` is set (written once
    /// and reused), else from the generator in-process (for user counts whose file would be huge).
    func job(_ emit: (BenchmarkResult) -> Void) throws {
        let memory = MemoryManager(budgetBytes: memoryBudget)
        let environment = StreamExecutionEnvironment(memory: memory)
        environment.parallelism = 1
        environment.stateBackend = .heap
        let clicks: DataStream<Click>
        var source = "generator"
        if let csvDirectory {
            let path = try csvFile(in: csvDirectory)
            source = "CSV \(path)"
            clicks = environment.readClicks([path])
        } else {
            clicks = environment.fromClickGenerator(generator, parallelism: 1)
        }
        let result = ChecksumResult()
        let watermarked = clicks.assignTimestampsAndWatermarks(
            WatermarkStrategy.boundedOutOfOrderness(millis: 2000).withTimestampAssigner { click, _ in click.timestampMillis })
        ClickJobs.uniqueVisitorsPerWindow(
            watermarked, windowMillis: windowMillis, slideMillis: slideMillis,
            distinct: DistinctCountOptions(method: .exact, expectedUsersPerWindow: min(users, 1 << 24)))
            .checksum(into: result) { mix($0.end, $0.count) }
        let seconds = try environment.execute("bench-uv").seconds
        let peak = memory.statistics.peakUsedSegments * memory.segmentSize
        emit(BenchmarkResult(
            suite: "uv", name: "job.exact.\(users >= 1_000_000 ? "\(users / 1_000_000)M" : "\(users / 1000)K")-users.p1",
            perSecond: Double(events) / seconds, unit: "events/s", operations: events,
            notes: "\(events) events from \(source), \(String(format: "%.1f", seconds)) s, \(result.count.load(ordering: .relaxed)) windows, "
                + "segments peak \(peak >> 20) MiB of the \(memoryBudget >> 20) MiB budget, peak RSS \((ProcessMemory.peakResidentBytes ?? 0) >> 20) MiB, "
                + "checksum \(String(UInt64(bitPattern: result.checksum.load(ordering: .relaxed)), radix: 16))"))
    }

    /// The generated clicks as CSV, written once per size.
    func csvFile(in directory: String) throws -> String {
        let path = "\(directory)/uv-bench-\(events)-\(users)-\(eventsPerSecond).csv"
        if FileManager.default.fileExists(atPath: path) { return path }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writer = try ClickCSVWriter(path: path + ".tmp")
        var batch: [Click] = []
        var generator = ClickGenerator(options: generator)
        while generator.fill(into: &batch, max: 65_536) > 0 { try writer.write(contentsOf: batch) }
        try writer.close()
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        return path
    }
}
