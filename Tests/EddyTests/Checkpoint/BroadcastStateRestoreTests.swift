import Eddy
import EddyRuntime
import EddyState
import Foundation
import Testing

@Suite struct BroadcastStateRestoreTests {
    typealias Rule = BroadcastStateTests.Rule
    typealias Event = BroadcastStateTests.Event

    /// rules → broadcast, events → connect → alerts (the same operator IDs in both runs).
    func program(
        _ environment: StreamExecutionEnvironment, rules: [ScriptedSourceReader<Rule>.Step],
        events: [ScriptedSourceReader<Event>.Step], function: BroadcastStateTests.ThresholdAlerts, into result: Collected<String>
    ) {
        let ruleStream = environment.scripted("rules", rules).broadcast(BroadcastStateTests.thresholds)
        environment.scripted("events", events).connect(ruleStream)
            .process(function).name("alerts").setParallelism(2)
            .collect(into: result, parallelism: 1)
    }

    @Test func broadcastStateIsCheckpointedAndEverySubtaskGetsItBack() async throws {
        let storage = InMemoryCheckpointStorage()
        let first = StreamExecutionEnvironment()
        first.checkpointing = CheckpointConfig(storage: storage, sink: KeepingCompletionSink())
        let function = BroadcastStateTests.ThresholdAlerts()
        let applied = function.rulesApplied
        program(
            first, rules: [.record(Rule(key: "a", value: 10), nil), .wait { false }], events: [.wait { false }],
            function: function, into: Collected())
        let job = try first.executeAsync("rules")
        while applied.value < 2 { try await Task.sleep(for: .milliseconds(2)) }
        let savepoint = try await #require(job.checkpointCoordinator).triggerSavepoint()
        job.cancel()
        job.waitForCompletion()

        let resumed = StreamExecutionEnvironment()
        resumed.restoreFrom = RestoredCheckpoint(savepoint, storage: storage)
        let result = Collected<String>()
        let events = (Int64(0)..<40).map { Event(key: "a", value: $0) }
        program(resumed, rules: [], events: events.map { .record($0, nil) }, function: BroadcastStateTests.ThresholdAlerts(), into: result)
        try resumed.execute("resumed")
        #expect(result.values.sorted() == BroadcastStateTests.alerts(events, ["a": 10]).sorted(), "both subtasks know rule a > 10")
    }
}
