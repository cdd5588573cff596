import Eddy
import EddyRuntime
import EddyState
import Foundation
import Testing

/// Golden end-to-end runs: a job checkpoints, is cancelled, is deployed again from the checkpoint,
/// and its result equals an uninterrupted run's.
@Suite struct CheckpointRestoreJobTests {
    static let records = 20_000
    static let keys: Int64 = 50

    func environment(_ backend: StateBackendKind, _ directory: String, sink: KeepingCompletionSink) -> StreamExecutionEnvironment {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = 2
        environment.stateBackend = backend
        environment.workingDirectory = directory + "/work"
        environment.checkpointDirectory = directory + "/checkpoints"
        environment.checkpointing = CheckpointConfig(timeoutMillis: 30_000, sink: sink)
        return environment
    }

    func numbers(_ environment: StreamExecutionEnvironment, _ throttle: SourceThrottle) -> DataStream<Int64> {
        environment.source("numbers", parallelism: 2) { subtask, parallelism in
            CheckpointedRangeReader(count: Self.records, subtask: subtask, parallelism: parallelism, throttle: throttle)
        }
    }

    /// Runs `build`'s program to the throttle's `checkpointAt`, checkpoints, lets it run on to
    /// `cancelAt`, cancels it, and returns the checkpoint and the job's storage.
    func interruptedRun(
        _ environment: StreamExecutionEnvironment, checkpointAt: Int = 6_000, cancelAt: Int = 10_000,
        options: CheckpointOptions = CheckpointOptions(), build: (SourceThrottle) -> Void
    ) async throws -> (checkpoint: AcknowledgedCheckpoint, jobID: String) {
        let throttle = SourceThrottle(limit: checkpointAt)
        build(throttle)
        let job = try environment.executeAsync("interrupted")
        throttle.waitForEmitted(checkpointAt)
        let checkpoint = try await #require(job.checkpointCoordinator).triggerAndWait(options)
        throttle.limit = cancelAt
        throttle.waitForEmitted(cancelAt)
        job.cancel()
        #expect("\(job.waitForCompletion())" == "CANCELED")
        return (checkpoint, job.jobID)
    }

    func restoring(_ environment: StreamExecutionEnvironment, _ run: (checkpoint: AcknowledgedCheckpoint, jobID: String)) throws {
        let storage = try LocalCheckpointStorage(root: environment.checkpointDirectory!, jobID: run.jobID)
        environment.restoreFrom = RestoredCheckpoint(run.checkpoint, storage: storage)
    }

    @Test(arguments: StateBackendKind.allCases)
    func aRestoredKeyedCountEqualsAnUninterruptedRun(_ backend: StateBackendKind) async throws {
        let directory = temporaryDirectory("restore-\(backend)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func program(_ environment: StreamExecutionEnvironment, _ throttle: SourceThrottle, _ into: Collected<KeyedValue<Int64, Int64>>) {
            numbers(environment, throttle).keyBy { $0 % Self.keys }.process("count") { FinalCountPerKey<Int64>() }
                .collect(into: into, parallelism: 1)
        }
        let uninterrupted = Collected<KeyedValue<Int64, Int64>>()
        let first = environment(backend, directory, sink: KeepingCompletionSink())
        program(first, SourceThrottle(), uninterrupted)
        try first.execute("uninterrupted")

        let sink = KeepingCompletionSink()
        let interruptedEnvironment = environment(backend, directory, sink: sink)
        let cancelledOutput = Collected<KeyedValue<Int64, Int64>>()
        let run = try await interruptedRun(interruptedEnvironment) { program(interruptedEnvironment, $0, cancelledOutput) }
        #expect(sink.completed.map(\.checkpointID) == [1])
        #expect(cancelledOutput.values.isEmpty, "counts are emitted when event time ends")
        #expect(run.checkpoint.operators.keys.contains { $0.hasSuffix("-count") })
        #expect(run.checkpoint.operators.values.flatMap(\.values).contains { !$0.rawKeyedState.isEmpty }, "timers are checkpointed")

        let resumed = environment(backend, directory, sink: KeepingCompletionSink())
        try restoring(resumed, run)
        let restoredOutput = Collected<KeyedValue<Int64, Int64>>()
        program(resumed, SourceThrottle(), restoredOutput)
        try resumed.execute("resumed")

        let expected = Dictionary(uniqueKeysWithValues: uninterrupted.values.map { ($0.key, $0.value) })
        #expect(expected.count == Int(Self.keys) && expected.values.allSatisfy { $0 == Int64(Self.records) / Self.keys })
        #expect(Dictionary(uniqueKeysWithValues: restoredOutput.values.map { ($0.key, $0.value) }) == expected)
    }

    /// Rolling counts emit one row per record; with a two-phase sink only what a completed
    /// checkpoint covers is committed, so the resumed job's committed rows equal an uninterrupted
    /// run's exactly once.
    @Test(arguments: [false, true])
    func twoPhaseOutputIsExactlyOnceAcrossARestore(unaligned: Bool) async throws {
        let directory = temporaryDirectory("exactly-once")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func program(_ environment: StreamExecutionEnvironment, _ throttle: SourceThrottle, _ output: CommittedOutput<KeyedValue<Int64, Int64>>) {
            numbers(environment, throttle)
                .map("slow") { value -> Int64 in
                    if unaligned { usleep(20) }  // backpressure: data queues in channels
                    return value
                }.setParallelism(1)
                .keyBy { $0 % Self.keys }.count()
                .sink("committing", parallelism: 1) { _, _ in TwoPhaseCollectingWriter(output) }
        }
        let expectedOutput = CommittedOutput<KeyedValue<Int64, Int64>>()
        let plain = environment(.heap, directory, sink: KeepingCompletionSink())
        program(plain, SourceThrottle(), expectedOutput)
        try plain.execute("uninterrupted")
        #expect(expectedOutput.committed.count == Self.records)

        let sink = KeepingCompletionSink()
        let interrupted = environment(.heap, directory, sink: sink)
        interrupted.checkpointing?.unaligned = unaligned
        let output = CommittedOutput<KeyedValue<Int64, Int64>>()
        let run = try await interruptedRun(interrupted) { program(interrupted, $0, output) }
        let committedBeforeCancel = output.committed.count
        #expect(committedBeforeCancel <= 6_000, "only what checkpoint 1 covers was committed")
        if unaligned {
            let channelState = run.checkpoint.operators.values.flatMap(\.values).flatMap(\.channelState)
            #expect(!channelState.isEmpty, "the barrier overtook queued records, which became state")
        }

        let resumed = environment(.heap, directory, sink: KeepingCompletionSink())
        try restoring(resumed, run)
        program(resumed, SourceThrottle(), output)
        try resumed.execute("resumed")
        #expect(output.committed.count == Self.records)
        let got = Set(output.committed.map { "\($0)" }), want = Set(expectedOutput.committed.map { "\($0)" })
        #expect(got.subtracting(want).isEmpty && want.subtracting(got).isEmpty, "\(got.subtracting(want).count) extra, \(want.subtracting(got).count) missing")
    }

    @Test func stopWithSavepointFinishesTheJobAndResumesFromIt() async throws {
        let directory = temporaryDirectory("stop")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let throttle = SourceThrottle(limit: 5_000)
        let environment = environment(.filesystem, directory, sink: KeepingCompletionSink())
        let first = Collected<KeyedValue<Int64, Int64>>()
        numbers(environment, throttle).keyBy { $0 % Self.keys }.process("count") { FinalCountPerKey<Int64>() }
            .collect(into: first, parallelism: 1)
        let job = try environment.executeAsync("stopped")
        throttle.waitForEmitted(5_000)
        let savepoint = try await #require(job.checkpointCoordinator).triggerSavepoint(terminating: true)
        #expect("\(job.waitForCompletion())" == "FINISHED")
        #expect(first.values.isEmpty, "stopping is not the end of event time: no timer fired")
        #expect(first.finishedSubtasks == 0, "operators are not finished on stop")
        #expect(savepoint.options.kind == .terminatingSavepoint)

        let resumed = self.environment(.heap, directory, sink: KeepingCompletionSink())
        try restoring(resumed, (savepoint, job.jobID))
        let rest = Collected<KeyedValue<Int64, Int64>>()
        numbers(resumed, SourceThrottle()).keyBy { $0 % Self.keys }.process("count") { FinalCountPerKey<Int64>() }
            .collect(into: rest, parallelism: 1)
        try resumed.execute("resumed")
        #expect(rest.values.count == Int(Self.keys))
        #expect(rest.values.allSatisfy { $0.value == Int64(Self.records) / Self.keys }, "a savepoint restores into another backend")
    }
}
