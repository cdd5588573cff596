import Logging
import Dispatch
import Foundation

/// Triggers a job's checkpoints and completes them (Flink's `CheckpointCoordinator`): periodically
/// (interval, minimum pause, most concurrent) and on demand (savepoints, stop-with-savepoint).
/// A trigger posts the barrier to every source task; every task acknowledges once its snapshot is
/// written; with all acknowledgements the checkpoint goes to the ``CheckpointCompletionSink`` and
/// then every task is notified. A decline, a timeout or a failed completion aborts the checkpoint
/// (the sink cleans up, every task is notified) and the job goes on.
///
/// Ids increase from the restored checkpoint's + 1. No checkpoint starts once a task has finished
/// (as Flink before FLIP-147: a finished task can take no barrier); a bounded job's final state is
/// the end-of-input snapshot's business.
///
/// Thread-safety: every method from any thread; all mutable state is confined to `queue`.
public final class CheckpointCoordinator: CheckpointResponder, @unchecked Sendable {  // state confined to `queue`
    public let config: CheckpointConfig
    public let statistics = CheckpointStatistics()
    let tasks: [any CheckpointParticipant]
    /// Parallelism per operator ID and the job's key groups, for ``AcknowledgedCheckpoint``.
    let parallelism: [String: Int]
    let maxParallelism: Int
    let queue: DispatchQueue
    /// Milliseconds: barrier timestamps and pacing (injectable for tests).
    let clock: @Sendable () -> Int64
    let pacing: CheckpointPacing?
    let startMillis: Int64

    let ids: CheckpointIDCounter
    let jobID: String
    /// Failed checkpoints are reported here (and counted in the statistics).
    let logger = Logger(label: "eddy.checkpoint")
    var pending: [Int64: PendingCheckpoint] = [:]
    var lastTriggerMillis: Int64?
    var lastCompletionMillis: Int64?
    var periodic = false
    var shutDown = false
    /// Only the newest scheduled periodic check runs (older ones find it changed and return).
    var tickGeneration = 0

    /// - Parameters:
    ///   - ids: the job's checkpoint ids (shared with its end-of-input snapshot); by default they
    ///     start after `restoredCheckpointID`.
    ///   - restoredCheckpointID: the id the job resumed from (0 for a fresh start).
    ///   - clock: wall-clock milliseconds.
    public init(
        jobID: String, config: CheckpointConfig, tasks: [any CheckpointParticipant], parallelism: [String: Int],
        maxParallelism: Int, ids: CheckpointIDCounter? = nil, restoredCheckpointID: Int64 = 0,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.jobID = jobID
        self.config = config
        self.tasks = tasks
        self.parallelism = parallelism
        self.maxParallelism = maxParallelism
        self.clock = clock
        queue = DispatchQueue(label: "eddy.checkpoint-coordinator.\(jobID)")
        self.ids = ids ?? CheckpointIDCounter(after: restoredCheckpointID)
        pacing = config.intervalMillis.map {
            CheckpointPacing(intervalMillis: $0, minPauseMillis: config.minPauseMillis, maxConcurrent: config.maxConcurrent)
        }
        startMillis = clock()
    }

    /// Starts periodic checkpoints (when the config has an interval).
    public func start() {
        queue.async { [self] in
            periodic = pacing != nil
            checkPeriodicTrigger()
        }
    }

    /// Stops triggering and aborts what is in progress (the job ended). Call after the tasks have
    /// ended and their snapshot writes drained, so no acknowledgement comes later.
    public func shutdown() {
        queue.sync {
            shutDown = true
            for id in pending.keys.sorted() { abort(id, CheckpointError(.jobEnded, "the job ended", checkpointID: id)) }
        }
    }

    /// Triggers a checkpoint or savepoint now; `completion` runs on the coordinator's queue when it
    /// completed or failed. Savepoints ignore the pacing; they are always aligned.
    public func trigger(
        _ options: CheckpointOptions = CheckpointOptions(),
        completion: @escaping @Sendable (Result<AcknowledgedCheckpoint, CheckpointError>) -> Void = { _ in }
    ) {
        queue.async { [self] in triggerNow(options, completion: completion) }
    }

    /// Triggers and waits for the outcome.
    /// - Throws: ``CheckpointError`` when it failed.
    public func triggerAndWait(_ options: CheckpointOptions = CheckpointOptions()) async throws -> AcknowledgedCheckpoint {
        try await withCheckedThrowingContinuation { continuation in
            trigger(options) { continuation.resume(with: $0) }
        }
    }

    /// A savepoint, returned once complete; `terminating` stops the job after it
    /// (stop-with-savepoint: sources emit nothing more, no operator is finished).
    public func triggerSavepoint(terminating: Bool = false) async throws -> AcknowledgedCheckpoint {
        try await triggerAndWait(CheckpointOptions(kind: terminating ? .terminatingSavepoint : .savepoint))
    }

    // MARK: CheckpointResponder

    public func acknowledge(_ acknowledgement: TaskAcknowledgement) {
        queue.async { [self] in received(acknowledgement) }
    }

    public func decline(checkpointID: Int64, taskKey: String, reason: String) {
        queue.async { [self] in
            abort(checkpointID, CheckpointError(.declined, "task \(taskKey): \(reason)", checkpointID: checkpointID))
        }
    }

    /// Runs the periodic decision now (tests drive it with their clock instead of waiting).
    func checkPeriodicTriggerNow() { queue.sync { checkPeriodicTrigger() } }

    /// Checks every pending checkpoint's timeout now (tests move their clock instead of waiting).
    func checkTimeoutsNow() { queue.sync { for id in pending.keys.sorted() { checkTimeout(id) } } }

    /// Runs `body` on the coordinator's queue (tests inspect state).
    func onQueue<T>(_ body: () -> T) -> T { queue.sync(execute: body) }
}
