import Eddy
import EddyRuntime
import EddyState
import EddyWindowing
import Foundation
import Testing

/// A savepoint of the UV job resumes at another parallelism, and the windows written before the
/// savepoint and after the restore are those of an uninterrupted run.
@Suite struct UniqueVisitorRescaleTests {
    static let options = ClickGeneratorOptions(events: 60_000, users: 2_000, items: 10, eventsPerSecond: 1000, seed: 3)

    func environment(_ directory: String, job: String, parallelism: Int) -> StreamExecutionEnvironment {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        environment.workingDirectory = "\(directory)/\(job)/work"
        environment.checkpointDirectory = directory + "/checkpoints"
        environment.jobID = job
        return environment
    }

    @Test(arguments: [(DistinctCountMethod.exact, 2, 1), (.exact, 1, 2), (.exact, 2, 3), (.hll, 2, 3), (.bloom, 1, 2)])
    func aSavepointOfTheUniqueVisitorJobResumesAtAnotherParallelism(_ setup: (DistinctCountMethod, Int, Int)) async throws {
        let (method, from, to) = setup
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-uv-rescale-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clean = environment(directory, job: "clean", parallelism: from)
        UniqueVisitorRestartTests.countVisitors(
            clean.fromClickGenerator(Self.options, parallelism: from), method: method, into: directory + "/clean/out")
        _ = try clean.execute("clean")

        let first = environment(directory, job: "first", parallelism: from)
        let storage = try LocalCheckpointStorage(root: directory + "/checkpoints", jobID: "first")
        let store = CompletedCheckpointStore(jobID: "first", storage: storage, savepointDirectory: directory + "/checkpoints/savepoints")
        first.checkpointing = CheckpointConfig(timeoutMillis: 30_000, storage: storage, sink: store)
        UniqueVisitorRestartTests.countVisitors(
            first.fromClickGenerator(Self.options, ratePerSecond: 30_000, parallelism: from), method: method,
            into: directory + "/out")
        let job = try first.executeAsync("first")
        usleep(800_000)  // about 24,000 of the 60,000 clicks
        let savepoint = try await #require(job.checkpointCoordinator).triggerSavepoint()
        job.cancel()
        job.waitForCompletion()

        let resumed = environment(directory, job: "resumed", parallelism: to)
        resumed.checkpointPolicy.restorePath = try #require(store.savepointPath(savepoint.checkpointID))
        UniqueVisitorRestartTests.countVisitors(
            resumed.fromClickGenerator(Self.options, parallelism: to), method: method, into: directory + "/out")
        let result = try resumed.execute("resumed")
        #expect(result.restoredCheckpointID == savepoint.checkpointID)

        // The resumed sink commits the first job's parts of the savepoint, then its own, in one directory.
        let expected = try UniqueVisitorRestartTests.rows(directory + "/clean/out")
        #expect(expected.count > 60)
        #expect(try UniqueVisitorRestartTests.rows(directory + "/out") == expected)
    }
}
