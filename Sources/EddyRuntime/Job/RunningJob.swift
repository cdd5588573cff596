import EddyMemory
import Foundation
import Synchronization

/// A deployed job in this process: its tasks, started together; the first task failure cancels the
/// rest. When every task has ended, the job's resources (channel segments, state backends, metrics)
/// are released, so a long-lived process can run job after job.
///
/// Thread-safety: all methods may be called from any thread.
public final class RunningJob: Sendable {
    public let jobID: String
    public let name: String
    public let tasks: [StreamTask]
    private let failure = Mutex<JobFailure?>(nil)
    private let cancelRequested = Atomic<Bool>(false)
    private let cleanup: Mutex<[@Sendable () -> Void]>
    private let onCancel: [@Sendable () -> Void]
    /// Triggers and completes the job's checkpoints; nil when the job takes none.
    public let checkpointCoordinator: CheckpointCoordinator?

    /// - Parameters:
    ///   - cleanup: run once after every task ended (close channels, dispose backends).
    ///   - onCancel: run after the tasks were told to stop, to wake threads blocked outside their
    ///     task loop (on channel credit or data).
    public init(
        jobID: String, name: String, tasks: [StreamTask], cleanup: [@Sendable () -> Void],
        onCancel: [@Sendable () -> Void] = [], checkpointCoordinator: CheckpointCoordinator? = nil
    ) {
        self.checkpointCoordinator = checkpointCoordinator
        self.jobID = jobID
        self.name = name
        self.tasks = tasks
        self.cleanup = Mutex(cleanup)
        self.onCancel = onCancel
    }

    /// Starts every task.
    public func start() {
        for task in tasks {
            task.start { [weak self] task, error in self?.taskFailed(task, error) }
        }
    }

    private func taskFailed(_ task: StreamTask, _ error: any Error) {
        let first = failure.withLock { current -> Bool in
            guard current == nil else { return false }
            current = JobFailure(taskName: task.name, error: error)
            return true
        }
        if first {
            for other in tasks { other.cancel() }
            for hook in onCancel { hook() }
        }
    }

    /// Cancels every task.
    public func cancel() {
        cancelRequested.store(true, ordering: .relaxed)
        for task in tasks { task.cancel() }
        for hook in onCancel { hook() }
    }

    /// Waits for every task to end, releases the job's resources, and returns how the job ended.
    @discardableResult
    public func waitForCompletion() -> JobStatus {
        for task in tasks { task.join() }
        let actions = cleanup.withLock { actions -> [@Sendable () -> Void] in
            defer { actions.removeAll() }
            return actions
        }
        for action in actions { action() }
        return status
    }

    /// Whether the job ended by a terminating savepoint (stop-with-savepoint) rather than at the end
    /// of its input. Meaningful once `waitForCompletion` returned.
    public var stoppedWithSavepoint: Bool { tasks.contains { $0.stoppedBySavepoint } }

    /// The job's status now.
    public var status: JobStatus {
        if let failure = failure.withLock({ $0 }) { return .failed(failure) }
        let states = tasks.map(\.state)
        if states.allSatisfy(\.isTerminal) {
            if cancelRequested.load(ordering: .relaxed) || states.contains(.cancelled) { return .cancelled }
            return .finished
        }
        return .running
    }
}
