import Eddy
import EddyRuntime
import EddyState
import Foundation
import Testing

/// A savepoint taken through the durable store (moved to `<checkpoint dir>/savepoints/`) resumes
/// with another parallelism and another backend through ``CheckpointPolicy/restorePath``, and the
/// final counts equal an uninterrupted run's.
@Suite struct SavepointRescaleTests {
    static let options = ClickGeneratorOptions(events: 40_000, users: 200, items: 10, eventsPerSecond: 1000, seed: 4)

    /// Clicks per user; the generator is slowed down so the savepoint falls in the middle.
    func program(
        _ environment: StreamExecutionEnvironment, parallelism: Int, rate: Double?, _ output: Collected<KeyedValue<Int64, Int64>>
    ) {
        environment.fromClickGenerator(Self.options, ratePerSecond: rate, parallelism: parallelism)
            .keyBy { $0.userID }.process("count") { FinalCountPerKey<Click>() }.collect(into: output, parallelism: 1)
    }

    @Test(arguments: [(StateBackendKind.heap, StateBackendKind.rocksdb), (.rocksdb, .filesystem), (.filesystem, .heap)])
    func aSavepointResumesWithAnotherParallelismAndBackend(from: StateBackendKind, to: StateBackendKind) async throws {
        let directory = temporaryDirectory("savepoint-\(from)-\(to)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = StreamExecutionEnvironment()
        first.parallelism = 2
        first.stateBackend = from
        first.workingDirectory = directory + "/work-1"
        first.checkpointDirectory = directory + "/checkpoints"
        first.jobID = "first"
        let storage = try LocalCheckpointStorage(root: directory + "/checkpoints", jobID: "first")
        let store = CompletedCheckpointStore(
            jobID: "first", storage: storage, savepointDirectory: directory + "/checkpoints/savepoints")
        first.checkpointing = CheckpointConfig(timeoutMillis: 30_000, storage: storage, sink: store)
        program(first, parallelism: 2, rate: 20_000, Collected())
        let job = try first.executeAsync("first")
        usleep(400_000)  // about 16,000 of the 40,000 clicks
        let savepoint = try await #require(job.checkpointCoordinator).triggerSavepoint()
        job.cancel()
        job.waitForCompletion()
        let path = try #require(store.savepointPath(savepoint.checkpointID))
        #expect(path.hasPrefix(directory + "/checkpoints/savepoints/savepoint-first-"))

        let resumed = StreamExecutionEnvironment()
        resumed.parallelism = 3
        resumed.stateBackend = to
        resumed.workingDirectory = directory + "/work-2"
        resumed.checkpointDirectory = directory + "/checkpoints"
        resumed.jobID = "resumed"
        resumed.checkpointPolicy.restorePath = path
        let output = Collected<KeyedValue<Int64, Int64>>()
        program(resumed, parallelism: 3, rate: nil, output)
        let result = try resumed.execute("resumed")
        #expect(result.restoredCheckpointID == savepoint.checkpointID)
        var expected: [Int64: Int64] = [:]
        for click in ClickGenerator(options: Self.options) { expected[click.userID, default: 0] += 1 }
        let counts = Dictionary(uniqueKeysWithValues: output.values.map { ($0.key, $0.value) })
        #expect(counts == expected, "\(counts.count) users counted, \(expected.count) expected")
    }
}
