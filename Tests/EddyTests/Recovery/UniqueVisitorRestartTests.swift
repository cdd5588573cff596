import Eddy
import EddyRuntime
import EddyWindowing
import Foundation
import Synchronization
import Testing

/// The UV job with periodic checkpoints: a task failure restarts it from its latest checkpoint (the
/// counters' pages, the frontier buffer, the partial sums), and the exactly-once output equals a run
/// without failure.
@Suite struct UniqueVisitorRestartTests {
    func run(
        _ directory: String, method: DistinctCountMethod, backend: StateBackendKind, parallelism: Int, failAt: Int64?
    ) throws -> JobExecutionResult {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        environment.stateBackend = backend
        environment.workingDirectory = directory + "/work"
        environment.checkpointDirectory = directory + "/checkpoints"
        environment.jobID = "uv-restarting"
        environment.checkpointPolicy.intervalMillis = 20
        environment.checkpointPolicy.restartStrategy = failAt == nil ? .none : .fixedDelay(attempts: 2, delayMillis: 10)
        let failure = Atomic<Bool>(failAt != nil)
        let clicks = environment.fromClickGenerator(
            ClickGeneratorOptions(events: 60_000, users: 2_000, items: 10, eventsPerSecond: 1000, seed: 3), parallelism: parallelism)
        let failing = clicks.map("maybe-fail") { click -> Click in
            if let failAt, click.timestampMillis >= ClickGeneratorOptions.defaultStartMillis + failAt,
                failure.exchange(false, ordering: .relaxed)
            {
                throw TestFailure()
            }
            return click
        }
        Self.countVisitors(failing, method: method, into: directory + "/out")
        return try environment.execute("uv-restarting")
    }

    /// The UV job's windows (10 s sliding by 1 s, 2 s out of orderness) over `clicks`, as CSV parts.
    static func countVisitors(_ clicks: DataStream<Click>, method: DistinctCountMethod, into directory: String) {
        clicks.assignTimestampsAndWatermarks(
            WatermarkStrategy.boundedOutOfOrderness(millis: 2000).withTimestampAssigner { click, _ in click.timestampMillis })
        .distinctCount(
            by: { $0.userID }, windowMillis: 10_000, slideMillis: 1_000,
            options: DistinctCountOptions(method: method, expectedUsersPerWindow: 2_000), name: "uv")
        .writeCSVParts(directory, parallelism: 1) { $0.description }
    }

    struct TestFailure: Error {}

    static func rows(_ directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
        return try names.flatMap { try String(contentsOfFile: directory + "/" + $0, encoding: .utf8).split(separator: "\n").map(String.init) }
            .sorted()
    }

    @Test(arguments: [(DistinctCountMethod.exact, StateBackendKind.rocksdb, 2), (.exact, .heap, 1), (.hll, .heap, 2), (.bloom, .filesystem, 1)])
    func aFailedTaskRestartsFromTheLatestCheckpoint(_ setup: (DistinctCountMethod, StateBackendKind, Int)) throws {
        let (method, backend, parallelism) = setup
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-uv-restart-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clean = try run(directory + "/clean", method: method, backend: backend, parallelism: parallelism, failAt: nil)
        #expect(clean.restarts == 0)
        let failing = try run(directory + "/failing", method: method, backend: backend, parallelism: parallelism, failAt: 40_000)
        #expect(failing.restarts == 1)
        #expect(failing.restoredCheckpointID != nil, "restarted from a checkpoint, not from the start")
        let expected = try Self.rows(directory + "/clean/out")
        #expect(expected.count > 60)
        #expect(try Self.rows(directory + "/failing/out") == expected)
    }
}
