import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import EddyStateRocksDB
import Foundation

/// Where a streaming program is put together and run, as Flink's `StreamExecutionEnvironment`:
/// sources make ``DataStream``s, transformations add operators, `execute` deploys the job on
/// threads of this process and runs it to its end.
///
/// Thread-safety: build a program on one thread; `execute` blocks that thread until the job ends.
public final class StreamExecutionEnvironment {
    /// Default parallelism of operators that do not set their own.
    public var parallelism = 1
    /// Key groups of keyed state (fixed for the life of the state).
    public var maxParallelism = KeyGroupRangeAssignment.defaultMaxParallelism
    /// Flush timeout of exchange buffers.
    public var bufferTimeoutMillis = 100
    /// Segments per channel between two subtasks.
    public var buffersPerChannel = 4
    /// The memory budget jobs draw exchange buffers and managed memory from.
    public var memory: MemoryManager
    /// Processing time (for TTL and processing-time timers); replace in tests.
    public var clock: any StateClock = SystemStateClock()
    /// Keyed state backend of keyed operators.
    public var stateBackend: StateBackendKind = .heap
    /// Where keyed state backends keep local files (RocksDB) and where snapshots go.
    public var workingDirectory: String
    /// Where jobs register their metrics (operators, task times, channels, buffer pool); a job's
    /// metrics are removed when it ends. Share one registry between environments to see them all.
    public var metrics = MetricRegistry()
    /// Options of RocksDB backends (memory reserved from the budget, compaction).
    public var rocksDBOptions = RocksDBBackendOptions()
    /// Where checkpoints go: `<dir>/<jobID>/chk-<n>/…`; nil keeps them in memory.
    public var checkpointDirectory: String?
    /// Called by `execute` after each deployment (the first and every restart) with the running job
    /// and, when the ``checkpointPolicy`` is managed, its checkpoint store (where savepoints land):
    /// for triggering savepoints from outside, e.g. on a signal.
    public var onJobDeployed: (@Sendable (RunningJob, CompletedCheckpointStore?) -> Void)?
    /// Periodic checkpoints into ``checkpointDirectory``, restore and restarts, managed by
    /// `execute` (ignored when ``checkpointing`` is set directly).
    public var checkpointPolicy = CheckpointPolicy()
    /// The job's ID, which names its checkpoint directory; nil: the job name and a random suffix.
    /// Give a fixed one so that a rerun after a crash finds its checkpoints.
    public var jobID: String?
    /// Take a checkpoint of all keyed state when the input ends (with `_metadata`), so a bounded job
    /// leaves its final state restorable.
    public var takesFinalCheckpoint = false
    /// Periodic checkpoints and on-demand savepoints of the jobs this environment runs (the
    /// running job's `checkpointCoordinator`); nil takes none. A config without storage writes to
    /// the environment's (``checkpointDirectory``, or memory).
    public var checkpointing: CheckpointConfig?
    /// The checkpoint or savepoint the next job starts from; nil starts fresh. The job then writes
    /// its checkpoints into the restored checkpoint's storage, where its incremental files are.
    public var restoreFrom: RestoredCheckpoint?

    var nodes: [LogicalNode] = []
    /// The program's logical graph, in creation order (for test harnesses and plans).
    public var logicalNodes: [LogicalNode] { nodes }
    /// Fills the job settings `execute` would, without deploying (test harnesses).
    public func prepareSettings(jobID: String) throws {
        try prepareSettings(jobID: jobID, checkpointing: checkpointing, restore: restoreFrom)
    }

    func prepareSettings(jobID: String, checkpointing: CheckpointConfig?, restore restoreFrom: RestoredCheckpoint?) throws {
        settings.stateBackend = stateBackend
        settings.rocksDBOptions = rocksDBOptions
        settings.workingDirectory = workingDirectory
        settings.storage = try checkpointing?.storage ?? restoreFrom?.storage
            ?? checkpointDirectory.map { try LocalCheckpointStorage(root: $0, jobID: jobID) } ?? InMemoryCheckpointStorage()
        // New ids come after every checkpoint directory there is, complete or not, so none is reused.
        let onDisk = (settings.storage as? LocalCheckpointStorage).flatMap { CheckpointRecovery.checkpointIDs(in: $0.directory).last }
        settings.checkpointIDs = CheckpointIDCounter(after: max(restoreFrom?.checkpointID ?? 0, onDisk ?? 0))
        settings.finalCheckpoint = takesFinalCheckpoint ? FinalCheckpointCollector(ids: settings.checkpointIDs) : nil
    }
    let settings = JobSettings()

    /// - Parameter memory: the budget (default 256 MiB of 32 KiB segments).
    public init(memory: MemoryManager = MemoryManager(budgetBytes: 256 << 20)) {
        self.memory = memory
        workingDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-\(getpid())").path
    }

    /// Adds a node and returns it (nodes are numbered in creation order, inputs before consumers).
    func addNode(
        name: String, makeSource: ((DeploymentContext, AnyObject) throws -> SourceDriver)? = nil,
        makeOperator: ((DeploymentContext, AnyObject?) throws -> (inputs: [AnyObject], lifecycle: [OperatorLifecycle]))? = nil,
        codec: ExchangeCodec?
    ) -> LogicalNode {
        let node = LogicalNode(id: nodes.count + 1, name: name, makeSource: makeSource, makeOperator: makeOperator, codec: codec)
        nodes.append(node)
        return node
    }

    /// Deploys the program as a job and returns at once (with ``checkpointing`` and ``restoreFrom``
    /// as set; the ``checkpointPolicy`` and restarts are `execute`'s).
    public func executeAsync(_ jobName: String = "job") throws -> RunningJob {
        try deploy(jobName, jobID: resolvedJobID(jobName), checkpointing: checkpointing, restore: restoreFrom)
    }

    /// The job's ID: ``jobID`` if set, else the name and a random suffix.
    func resolvedJobID(_ jobName: String) -> String {
        jobID ?? jobName.replacingOccurrences(of: "/", with: "_") + "-" + UUID().uuidString.prefix(8).lowercased()
    }

    func deploy(
        _ jobName: String, jobID: String, checkpointing: CheckpointConfig?, restore: RestoredCheckpoint?
    ) throws -> RunningJob {
        guard !nodes.isEmpty else { throw JobGraphError("the program has no operators") }
        try prepareSettings(jobID: jobID, checkpointing: checkpointing, restore: restore)
        var checkpointConfig = checkpointing
        checkpointConfig?.storage = settings.storage
        var configuration = JobConfiguration(
            jobID: jobID, name: jobName, defaultParallelism: parallelism, maxParallelism: maxParallelism,
            bufferTimeoutMillis: bufferTimeoutMillis, buffersPerChannel: buffersPerChannel, memory: memory, clock: clock,
            metrics: metrics, checkpointing: checkpointConfig, restore: restore)
        configuration.checkpointIDs = settings.checkpointIDs
        return try JobDeployment.deploy(nodes: nodes, configuration: configuration)
    }

    /// Runs the program to its end (bounded sources) and returns how long it took. With an enabled
    /// ``checkpointPolicy`` it checkpoints into ``checkpointDirectory``, starts from the policy's
    /// `restorePath` or the newest checkpoint there, and restarts from the latest checkpoint after
    /// a failure as the restart strategy allows.
    /// - Throws: ``JobFailure`` when a task failed (with the user function's error and record) and
    ///   no restart is left, or a ``JobGraphError`` when the program cannot run.
    @discardableResult
    public func execute(_ jobName: String = "job") throws -> JobExecutionResult {
        let start = Date()
        let jobID = resolvedJobID(jobName)
        let managed = checkpointing == nil && checkpointPolicy.isEnabled
            ? try ManagedCheckpoints(policy: checkpointPolicy, directory: checkpointDirectory, jobID: jobID) : nil
        if let finished = managed?.finishedCheckpoint {
            // A rerun after the job had finished (it died after its final checkpoint): nothing to do.
            return JobExecutionResult(
                jobID: jobID, seconds: 0, finalCheckpointMetadata: finished.metadataPath, alreadyFinished: true)
        }
        var backoff = checkpointPolicy.restartStrategy.makeBackoff()
        var restarts = 0
        while true {
            let job = try deploy(
                jobName, jobID: jobID, checkpointing: managed?.config ?? checkpointing, restore: managed?.restore ?? restoreFrom)
            onJobDeployed?(job, managed?.store)
            switch job.waitForCompletion() {
            case .failed(let failure):
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                guard let managed, let delay = backoff.delayAfterFailure(atMillis: now) else { throw failure }
                restarts += 1
                managed.prepareRestart()
                managed.logger.warning("""
                    job \(jobID) failed: \(failure); restart \(restarts) in \(delay) ms from \
                    \(managed.restore.map { "checkpoint \($0.checkpointID)" } ?? "the start")
                    """)
                Thread.sleep(forTimeInterval: Double(delay) / 1000)
            case .cancelled:
                throw JobGraphError("job '\(jobName)' was cancelled")
            case .finished where job.stoppedWithSavepoint:
                // Stopped with a savepoint: not finished, so no final checkpoint (a rerun resumes).
                return JobExecutionResult(
                    jobID: jobID, seconds: Date().timeIntervalSince(start), restarts: restarts,
                    restoredCheckpointID: (managed?.restore ?? restoreFrom)?.checkpointID, stoppedWithSavepoint: true)
            case .running, .finished:
                var checkpoint: String?
                if let collector = settings.finalCheckpoint {
                    checkpoint = try collector.complete(jobID: jobID, maxParallelism: maxParallelism, storage: settings.storage, store: managed?.store)
                }
                return JobExecutionResult(
                    jobID: jobID, seconds: Date().timeIntervalSince(start), finalCheckpointMetadata: checkpoint, restarts: restarts,
                    restoredCheckpointID: (managed?.restore ?? restoreFrom)?.checkpointID)
            }
        }
    }
}

/// What `execute` reports of a finished job.
public struct JobExecutionResult: Sendable {
    public var jobID: String
    public var seconds: Double
    /// The final checkpoint's `_metadata` path, relative to `<checkpointDirectory>/<jobID>`.
    public var finalCheckpointMetadata: String?
    /// Restarts after failures (from the latest checkpoint).
    public var restarts = 0
    /// The checkpoint the last run of the job started from (after restarts: the one it restarted
    /// from), nil when it started fresh.
    public var restoredCheckpointID: Int64?
    /// The job had finished in an earlier run (its final checkpoint was found): nothing ran.
    public var alreadyFinished = false
    /// The job was stopped with a savepoint before the end of its input.
    public var stoppedWithSavepoint = false
}
