import Eddy
import EddyCore
import EddyRuntime
import EddyState
import EddyWindowing
import Foundation
import Testing

@Suite struct UniqueVisitorJobTests {
    let directory: String
    let options = ClickGeneratorOptions(events: 30_000, users: 900, items: 40, eventsPerSecond: 500, seed: 21)
    let windows = SliceWindows(sizeMillis: 5_000, slideMillis: 1_000)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-uv-job-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The generated clicks in one file, with a malformed line in the middle.
    func writeInput() throws -> String {
        let clicks = Array(ClickGenerator(options: options))
        let path = directory + "/clicks.csv"
        var text = ""
        for (index, click) in clicks.enumerated() {
            text += "\(click.userID),\(click.itemID),\(click.timestampMillis)\n"
            if index == 1000 { text += "7,x,12\n" }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A set of users per window, from every click (the generator's disorder is within the watermark's).
    func bruteForce() -> [[Int64]] {
        var users: [Int64: Set<Int64>] = [:]
        for click in ClickGenerator(options: options) {
            let slice = windows.slice(of: click.timestampMillis)
            for last in slice..<(slice + windows.slicesPerWindow) { users[last, default: []].insert(click.userID) }
        }
        return users.keys.sorted().map { [windows.windowStart(lastSlice: $0), windows.windowEnd(lastSlice: $0), Int64(users[$0]!.count)] }
    }

    func rows(_ path: String) throws -> [[Int64]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map { Int64($0)! } }
    }

    func run(_ method: DistinctCountMethod, backend: StateBackendKind, parallelism: Int, checkpoints: Bool = false) throws
        -> (rows: [[Int64]], report: ClickJobReport)
    {
        var job = ClickJobOptions(inputs: [try writeInput()], output: directory + "/uv-\(method)-\(parallelism).csv")
        job.backend = backend
        job.parallelism = parallelism
        job.stateDirectory = directory + "/state"
        if checkpoints { job.checkpointDirectory = directory + "/checkpoints" }
        let report = try ClickJobs.uniqueVisitors(
            job, windowMillis: windows.sizeMillis, slideMillis: windows.slideMillis,
            distinct: DistinctCountOptions(method: method, expectedUsersPerWindow: 1_000))
        return (try rows(job.output), report)
    }

    @Test(arguments: [StateBackendKind.heap, .rocksdb], [1, 2])
    func exactEqualsABruteForceCount(_ backend: StateBackendKind, _ parallelism: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (rows, report) = try run(.exact, backend: backend, parallelism: parallelism)
        #expect(rows == bruteForce())
        #expect(report.records == 30_000)
        #expect(report.deadLetters == 1)
    }

    @Test(arguments: [DistinctCountMethod.hll, .bloom], [1, 2])
    func sketchesStayWithinTheirErrorOfABruteForceCount(_ method: DistinctCountMethod, _ parallelism: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (rows, _) = try run(method, backend: .heap, parallelism: parallelism)
        let expected = bruteForce()
        #expect(rows.map { Array($0[0..<2]) } == expected.map { Array($0[0..<2]) })
        let errors = zip(rows, expected).map { abs(Double($0[2] - $1[2])) / Double($1[2]) }
        // Windows of ~850 users: the Bloom fill's sampling noise alone is 1-2 % there; its 1 % goal
        // holds from about 10,000 users a window (SketchDistinctCounterTests, eddy bench uv).
        #expect(errors.reduce(0, +) / Double(errors.count) < (method == .hll ? 0.02 : 0.03))
    }

    @Test func theFinalCheckpointHoldsTheCountersPages() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (_, report) = try run(.exact, backend: .rocksdb, parallelism: 2, checkpoints: true)
        let metadata = try CheckpointRecovery.readMetadata(at: try #require(report.checkpointMetadata))
        #expect(metadata.kind == "final")
        let counter = try #require(metadata.operators.first { $0.key.contains("uv") && !$0.key.contains("sum") }?.value)
        #expect(counter.subtasks.count == 2)
        for state in counter.subtasks.values {
            #expect(state.rawKeyedState.map(\.name) == [ExactDistinctCounter.stateName])
            #expect(state.rawKeyedState[0].files[0].path.hasSuffix(".manifest"))
            #expect(state.rawKeyedState[0].files.count >= 2)
        }
    }
}
