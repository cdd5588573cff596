import Eddy
import EddyRuntime
import Foundation
import Synchronization
import Testing

/// A task failure in the middle of a checkpointed job restarts it from its latest checkpoint (the
/// restart strategy's delay first); the exactly-once file output equals a run without failure.
@Suite struct RestartFromCheckpointTests {
    static let records = 60_000

    /// Counts per key of a range, written as part files; `failAt` makes one map throw once there.
    func run(
        _ directory: String, backend: StateBackendKind, failAt: Int?, restartStrategy: RestartStrategy
    ) throws -> JobExecutionResult {
        let environment = StreamExecutionEnvironment()
        environment.stateBackend = backend
        environment.workingDirectory = directory + "/work"
        environment.checkpointDirectory = directory + "/checkpoints"
        environment.jobID = "restarting"
        environment.checkpointPolicy.intervalMillis = 20
        environment.checkpointPolicy.restartStrategy = restartStrategy
        let failure = Atomic<Bool>(failAt != nil)
        environment.fromClickGenerator(ClickGeneratorOptions(events: Self.records, users: 300, items: 10, eventsPerSecond: 1000, seed: 2))
            .map("maybe-fail") { click -> Click in
                // Fails once, when the record at `failAt` passes for the first time.
                if let failAt, click.timestampMillis >= ClickGeneratorOptions.defaultStartMillis + Int64(failAt),
                    failure.exchange(false, ordering: .relaxed)
                {
                    throw TestFailure()
                }
                return click
            }
            .keyBy { $0.userID }.process("count") { FinalCountPerKey<Click>() }
            .writeCSVParts(directory + "/out") { "\($0.key),\($0.value)" }
        return try environment.execute("restarting")
    }

    struct TestFailure: Error {}

    func rows(_ directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
        return try names.flatMap { try String(contentsOfFile: directory + "/" + $0, encoding: .utf8).split(separator: "\n").map(String.init) }
            .sorted()
    }

    @Test(arguments: StateBackendKind.allCases)
    func aFailedTaskRestartsFromTheLatestCheckpoint(_ backend: StateBackendKind) throws {
        let directory = temporaryDirectory("restart-\(backend)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clean = try run(directory + "/clean", backend: backend, failAt: nil, restartStrategy: .none)
        #expect(clean.restarts == 0)
        let failing = try run(
            directory + "/failing", backend: backend, failAt: 40_000, restartStrategy: .fixedDelay(attempts: 2, delayMillis: 10))
        #expect(failing.restarts == 1)
        #expect(failing.restoredCheckpointID != nil, "restarted from a checkpoint, not from the start")
        let expected = try rows(directory + "/clean/out")
        #expect(expected.count == 300)
        #expect(try rows(directory + "/failing/out") == expected)
    }

    @Test func withoutRestartsLeftTheFailureIsReported() throws {
        let directory = temporaryDirectory("no-restart")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: JobFailure.self) {
            try run(directory, backend: .heap, failAt: 1_000, restartStrategy: .none)
        }
    }
}
