import EddyCore
import EddyRuntime
import Foundation

/// What the built-in click jobs (`eddy run keyed-count|tumble-count`) read, write and run on.
public struct ClickJobOptions: Sendable {
    /// `user_id,item_id,ts_millis` CSV files; with parallelism P, subtask i reads files i, i+P, ….
    public var inputs: [String]
    /// The output CSV (written by one sink subtask, durably: `.inprogress`, fsync, rename).
    public var output: String
    /// Malformed input lines, as `file:line: reason: raw`; default `output + ".dead-letters"`.
    public var deadLetterOutput: String?
    public var backend: StateBackendKind = .rocksdb
    public var parallelism = 1
    /// Out-of-orderness the watermark allows, in milliseconds (2 s, as the generated data).
    public var outOfOrdernessMillis: Int64 = 2000
    /// Where checkpoints go (`<dir>/<job ID>/chk-<n>`); nil: no checkpoint.
    public var checkpointDirectory: String?
    /// Periodic checkpoints; then `output` is a directory of part files written exactly once.
    public var checkpointIntervalMillis: Int64?
    /// A checkpoint or savepoint to start from; without it a job with a checkpoint directory resumes
    /// from the newest checkpoint there.
    public var restorePath: String?
    /// Names the checkpoint directory; nil: the job's name, so a rerun finds its checkpoints.
    public var jobID: String?
    /// Called with each deployment of the job and its checkpoint store (see
    /// ``StreamExecutionEnvironment/onJobDeployed``).
    public var onJobDeployed: (@Sendable (RunningJob, CompletedCheckpointStore?) -> Void)?
    /// Local state (RocksDB databases); removed when the job ends.
    public var stateDirectory: String?
    /// The job's memory budget (exchange buffers, RocksDB cache and write buffers).
    public var memoryBudgetBytes = 1 << 30

    public init(inputs: [String], output: String) {
        self.inputs = inputs
        self.output = output
    }
}

/// What a built-in job run did.
public struct ClickJobReport: Sendable {
    public var jobID: String
    public var seconds: Double
    public var records: Int64
    public var deadLetters: Int64
    public var rowsWritten: Int
    /// The final checkpoint's `_metadata`, when a checkpoint directory was given.
    public var checkpointMetadata: String?
    /// Restarts after failures, and whether the run was stopped with a savepoint.
    public var restarts = 0
    public var stoppedWithSavepoint = false
}
