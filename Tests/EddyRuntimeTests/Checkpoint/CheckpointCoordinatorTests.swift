import EddyState
import Testing
@testable import EddyRuntime

@Suite struct CheckpointCoordinatorTests {
    let source = FakeParticipant("source-0", source: true)
    let sink = FakeParticipant("sink-0", source: false)
    let store = RecordingCompletionSink()
    let clock = ManualMillis()

    func coordinator(
        interval: Int64? = nil, minPause: Int64 = 0, maxConcurrent: Int = 1, timeout: Int64 = 600_000, restored: Int64 = 0
    ) -> CheckpointCoordinator {
        let clock = self.clock
        return CheckpointCoordinator(
            jobID: "test",
            config: CheckpointConfig(
                intervalMillis: interval, timeoutMillis: timeout, minPauseMillis: minPause, maxConcurrent: maxConcurrent,
                storage: InMemoryCheckpointStorage(), sink: store),
            tasks: [source, sink], parallelism: ["op-source-0": 1, "op-sink-0": 1], maxParallelism: 128,
            restoredCheckpointID: restored, clock: { clock.now })
    }

    func ackAll(_ id: Int64, _ coordinator: CheckpointCoordinator) {
        source.ack(id, to: coordinator)
        sink.ack(id, to: coordinator)
        coordinator.onQueue {}
    }

    @Test func completesWhenEveryTaskAcknowledgedThenNotifiesEveryTask() async throws {
        let coordinator = coordinator(restored: 41)
        async let outcome = coordinator.triggerAndWait()
        while source.triggered.isEmpty { await Task.yield() }
        #expect(source.triggered == [42], "ids go on from the restored checkpoint")
        #expect(sink.triggered.isEmpty, "barriers start at sources")
        source.ack(42, to: coordinator)
        #expect(coordinator.onQueue { store.completedIDs }.isEmpty)
        sink.ack(42, to: coordinator)
        let checkpoint = try await outcome
        #expect(checkpoint.checkpointID == 42)
        #expect(checkpoint.operators.keys.sorted() == ["op-sink-0", "op-source-0"])
        #expect(store.completedIDs == [42])
        #expect(source.completed == [42] && sink.completed == [42])
        #expect(coordinator.statistics.current.completed == 1)
    }

    @Test func maxConcurrentCheckpointsIsHonoured() {
        let coordinator = coordinator(interval: 10, maxConcurrent: 2)
        coordinator.start()
        for time: Int64 in [0, 5, 10, 15, 20, 30, 40, 50] {
            clock.now = time
            coordinator.checkPeriodicTriggerNow()
        }
        #expect(source.triggered == [1, 2], "two in progress: no third")
        ackAll(1, coordinator)
        #expect(source.triggered == [1, 2, 3], "a slot freed: the overdue one starts at once")
        clock.now = 55
        coordinator.checkPeriodicTriggerNow()
        #expect(source.triggered == [1, 2, 3])
    }

    @Test func theMinimumPauseCountsFromTheLastCompletion() {
        let coordinator = coordinator(interval: 10, minPause: 50, maxConcurrent: 5)
        coordinator.start()
        clock.now = 10
        coordinator.checkPeriodicTriggerNow()
        clock.now = 20
        coordinator.checkPeriodicTriggerNow()
        #expect(source.triggered == [1], "a minimum pause means one at a time")
        clock.now = 25
        ackAll(1, coordinator)
        for time: Int64 in [30, 60, 74] {
            clock.now = time
            coordinator.checkPeriodicTriggerNow()
        }
        #expect(source.triggered == [1], "not before 25 + 50")
        clock.now = 75
        coordinator.checkPeriodicTriggerNow()
        #expect(source.triggered == [1, 2])
    }

    @Test func aTimeoutAbortsAndTheNextCheckpointStillCompletes() async throws {
        let coordinator = coordinator(timeout: 30)
        async let first = coordinator.triggerAndWait()
        while source.triggered.isEmpty { await Task.yield() }
        source.ack(1, to: coordinator)
        clock.now = 29
        coordinator.checkTimeoutsNow()
        #expect(store.abortedIDs.isEmpty)
        clock.now = 30
        coordinator.checkTimeoutsNow()
        do {
            _ = try await first
            Issue.record("completed without the sink's acknowledgement")
        } catch let error as CheckpointError {
            #expect(error.code == .timedOut)
            #expect(error.message.contains("sink-0") && !error.message.contains("source-0"), "names the late task")
        }
        #expect(store.abortedIDs == [1])
        #expect(source.aborted == [1] && sink.aborted == [1])
        #expect(coordinator.statistics.current.failed == 1)

        // Acknowledged as soon as it is triggered: no race with the timeout on a loaded machine.
        let (source, sink) = (self.source, self.sink)
        source.onTrigger { id in
            source.ack(id, to: coordinator)
            sink.ack(id, to: coordinator)
        }
        #expect(try await coordinator.triggerAndWait().checkpointID == 2)
    }

    @Test func aDeclineAbortsAndALateAcknowledgementIsCleanedUp() async throws {
        let coordinator = coordinator()
        async let outcome = coordinator.triggerAndWait()
        while source.triggered.isEmpty { await Task.yield() }
        coordinator.decline(checkpointID: 1, taskKey: "sink-0", reason: "disk full")
        do {
            _ = try await outcome
            Issue.record("a declined checkpoint completed")
        } catch let error as CheckpointError {
            #expect(error.code == .declined)
            #expect(error.message.contains("disk full"))
        }
        source.ack(1, to: coordinator)
        #expect(coordinator.onQueue { store.abortedIDs } == [1, 1], "the late acknowledgement's files go too")
    }

    @Test func aFailedCompletionAbortsTheCheckpoint() async throws {
        let coordinator = coordinator()
        store.failNextCompletion()
        async let outcome = coordinator.triggerAndWait()
        while source.triggered.isEmpty { await Task.yield() }
        ackAll(1, coordinator)
        let result: Result<AcknowledgedCheckpoint, any Error>
        do { result = .success(try await outcome) } catch { result = .failure(error) }
        #expect((try? result.get()) == nil)
        #expect(store.abortedIDs == [1])
        #expect(source.completed.isEmpty && source.aborted == [1])
    }

    @Test func aCompletedCheckpointSubsumesOlderPendingOnesButSavepointsIgnorePacing() async throws {
        let coordinator = coordinator(interval: 10, maxConcurrent: 1)
        coordinator.start()
        clock.now = 10
        coordinator.checkPeriodicTriggerNow()
        coordinator.trigger(CheckpointOptions(kind: .savepoint))
        coordinator.onQueue {}
        #expect(source.triggered == [1, 2], "a savepoint starts whatever the limit")
        ackAll(2, coordinator)
        #expect(store.completedIDs == [2])
        coordinator.trigger()
        coordinator.onQueue {}
        ackAll(3, coordinator)
        #expect(store.completedIDs == [2, 3])
        #expect(store.abortedIDs == [1], "checkpoint 1 was subsumed by 3")
    }

    @Test func noPeriodicCheckpointStartsWhileATerminatingSavepointIsPendingOrAfterItCompleted() {
        let coordinator = coordinator(interval: 10, maxConcurrent: 2)
        coordinator.start()
        coordinator.trigger(CheckpointOptions(kind: .terminatingSavepoint))
        coordinator.onQueue {}
        for time: Int64 in [10, 20, 30] {
            clock.now = time
            coordinator.checkPeriodicTriggerNow()
        }
        #expect(source.triggered == [1], "the stopping sources would decline them")
        ackAll(1, coordinator)
        clock.now = 40
        coordinator.checkPeriodicTriggerNow()
        #expect(source.triggered == [1], "the job is stopping")
    }

    @Test func periodicCheckpointsResumeWhenATerminatingSavepointFails() {
        let coordinator = coordinator(interval: 10)
        coordinator.start()
        coordinator.trigger(CheckpointOptions(kind: .terminatingSavepoint))
        coordinator.onQueue {}
        clock.now = 10
        coordinator.checkPeriodicTriggerNow()
        #expect(source.triggered == [1])
        coordinator.decline(checkpointID: 1, taskKey: sink.key, reason: "test")
        coordinator.onQueue {}
        #expect(source.triggered == [1, 2], "the overdue periodic checkpoint starts at the abort")
    }

    @Test func noCheckpointStartsOnceATaskFinished() async {
        let coordinator = coordinator()
        sink.state = .finished
        do {
            _ = try await coordinator.triggerAndWait()
            Issue.record("triggered with a finished task")
        } catch let error as CheckpointError {
            #expect(error.code == .notRunning)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(source.triggered.isEmpty)
    }

    @Test func pacingDecisions() {
        let pacing = CheckpointPacing(intervalMillis: 100, minPauseMillis: 0, maxConcurrent: 1)
        #expect(pacing.decide(now: 50, pending: 0, lastTrigger: nil, lastCompletion: nil, start: 0) == .wait(until: 100))
        #expect(pacing.decide(now: 100, pending: 0, lastTrigger: nil, lastCompletion: nil, start: 0) == .triggerNow)
        #expect(pacing.decide(now: 500, pending: 1, lastTrigger: 100, lastCompletion: nil, start: 0) == .blocked)
        let paused = CheckpointPacing(intervalMillis: 100, minPauseMillis: 300, maxConcurrent: 3)
        #expect(paused.decide(now: 250, pending: 0, lastTrigger: 100, lastCompletion: 150, start: 0) == .wait(until: 450))
    }
}
