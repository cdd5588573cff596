import Eddy
import EddyRuntime
import EddyState
import Foundation
import Testing

/// Checkpoints of running jobs: timeouts, metrics, operator IDs, restore checks.
@Suite struct CheckpointJobBehaviourTests {
    func countingJob(
        _ environment: StreamExecutionEnvironment, _ throttle: SourceThrottle, _ output: CommittedOutput<KeyedValue<Int64, Int64>>,
        firstPrepareDelayMicros: UInt32 = 0
    ) {
        environment.source("numbers", parallelism: 1) { subtask, parallelism in
            CheckpointedRangeReader(count: 4_000, subtask: subtask, parallelism: parallelism, throttle: throttle)
        }
        .keyBy { $0 % 10 }.count()
        .sink("committing", parallelism: 1) { _, _ in
            TwoPhaseCollectingWriter(output, firstPrepareDelayMicros: firstPrepareDelayMicros)
        }
    }

    @Test func aTimedOutCheckpointIsAbortedAndTheJobGoesOnToAnExactResult() async throws {
        let environment = StreamExecutionEnvironment()
        let sink = KeepingCompletionSink()
        environment.checkpointing = CheckpointConfig(timeoutMillis: 500, sink: sink)
        let throttle = SourceThrottle(limit: 1_000)
        let output = CommittedOutput<KeyedValue<Int64, Int64>>()
        countingJob(environment, throttle, output, firstPrepareDelayMicros: 1_500_000)
        let job = try environment.executeAsync("timeout")
        let coordinator = try #require(job.checkpointCoordinator)
        throttle.waitForEmitted(1_000)
        do {
            _ = try await coordinator.triggerAndWait()
            Issue.record("the sink blocks its snapshot past the timeout")
        } catch let error as CheckpointError {
            #expect(error.code == .timedOut)
        }
        #expect("\(job.status)" == "RUNNING")
        // The sink's late acknowledgement of checkpoint 1 (its files are cleaned up too).
        while sink.aborted.count < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(sink.aborted == [1, 1])
        let second = try await coordinator.triggerAndWait()
        #expect(second.checkpointID == 2)
        #expect(sink.completed.map(\.checkpointID) == [2])
        throttle.limit = .max
        #expect("\(job.waitForCompletion())" == "FINISHED")
        #expect(output.committed.count == 4_000, "checkpoint 1's committable went out with checkpoint 2")
        #expect(Set(output.committed.map { "\($0)" }).count == 4_000)
    }

    @Test func checkpointFiguresAreInTheMetricRegistry() async throws {
        let environment = StreamExecutionEnvironment()
        environment.checkpointing = CheckpointConfig(sink: KeepingCompletionSink())
        let throttle = SourceThrottle(limit: 500)
        countingJob(environment, throttle, CommittedOutput())
        let job = try environment.executeAsync("metrics")
        throttle.waitForEmitted(500)
        _ = try await #require(job.checkpointCoordinator).triggerAndWait()
        let samples = environment.metrics.snapshot(now: 0)
        func value(_ name: String) -> Int64? {
            samples.first { $0.name == "job/\(job.jobID)/checkpoints/\(name)" }?.value.integerValue
        }
        #expect(value("numberOfCompletedCheckpoints") == 1)
        #expect(value("lastCompletedCheckpointId") == 1)
        #expect((value("lastCheckpointSize") ?? 0) > 0)
        #expect(value("lastCheckpointDuration") != nil && value("lastCheckpointAlignmentDuration") != nil)
        #expect(value("lastCheckpointSyncDuration") != nil && value("lastCheckpointAsyncDuration") != nil)
        throttle.limit = .max
        job.waitForCompletion()
    }

    @Test func operatorIDsAreTheSameInEveryBuildOfAProgram() {
        func build() -> [String] {
            let environment = StreamExecutionEnvironment()
            countingJob(environment, SourceThrottle(), CommittedOutput())
            return environment.logicalNodes.map { "\($0.id)-\($0.name)" }
        }
        #expect(build() == build())
        #expect(build() == ["1-numbers", "2-count", "3-committing"])
    }

    @Test func stateOfAnOperatorTheJobLacksIsRefusedUnlessAllowed() async throws {
        let environment = StreamExecutionEnvironment()
        let storage = InMemoryCheckpointStorage()
        environment.checkpointing = CheckpointConfig(storage: storage, sink: KeepingCompletionSink())
        let throttle = SourceThrottle(limit: 100)
        countingJob(environment, throttle, CommittedOutput())
        let job = try environment.executeAsync("renamed")
        throttle.waitForEmitted(100)
        let checkpoint = try await #require(job.checkpointCoordinator).triggerAndWait()
        job.cancel()
        job.waitForCompletion()

        func renamedJob(allow: Bool) -> StreamExecutionEnvironment {
            let renamed = StreamExecutionEnvironment()
            renamed.restoreFrom = RestoredCheckpoint(checkpoint, storage: storage, allowNonRestoredState: allow)
            renamed.source("numbers", parallelism: 1) { subtask, parallelism in
                CheckpointedRangeReader(count: 200, subtask: subtask, parallelism: parallelism, throttle: SourceThrottle())
            }
            .keyBy { $0 % 10 }.count().name("tally")
            .sink("committing", parallelism: 1) { _, _ in TwoPhaseCollectingWriter(CommittedOutput<KeyedValue<Int64, Int64>>()) }
            return renamed
        }
        do {
            try renamedJob(allow: false).execute()
            Issue.record("restored state of the renamed operator silently")
        } catch let error as CheckpointError {
            #expect(error.code == .restoreMismatch)
            #expect(error.message.contains("2-count"))
        }
        try renamedJob(allow: true).execute()
    }

    @Test func periodicCheckpointsRunAndTheFinalCheckpointComesAfterThem() throws {
        let directory = temporaryDirectory("periodic")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = StreamExecutionEnvironment()
        let sink = KeepingCompletionSink()
        environment.checkpointDirectory = directory
        environment.takesFinalCheckpoint = true
        environment.checkpointing = CheckpointConfig(intervalMillis: 10, sink: sink)
        let throttle = SourceThrottle(limit: 2_000)
        let output = CommittedOutput<KeyedValue<Int64, Int64>>()
        countingJob(environment, throttle, output)
        let release = Thread {
            while sink.completed.count < 2 { usleep(1_000) }
            throttle.limit = .max
        }
        release.start()
        let result = try environment.execute("periodic")
        let periodic = sink.completed.map(\.checkpointID)
        #expect(periodic.count >= 2 && periodic == periodic.sorted())
        let last = try #require(periodic.last)
        let finalID = try #require(result.finalCheckpointMetadata.flatMap { Int64($0.dropFirst(4).prefix { $0 != "/" }) })
        #expect(finalID > last, "chk-\(finalID) follows the periodic checkpoints")
        #expect(output.committed.count == 4_000)
    }
}
