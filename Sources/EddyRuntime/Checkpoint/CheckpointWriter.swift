import Dispatch

/// Runs the asynchronous parts of a job's snapshots (writing files, uploading SSTs) off the task
/// threads: one serial queue per job, so a checkpoint's writes never compete with each other for
/// the job's share of the disk, and nothing is created per record or per checkpoint.
///
/// Thread-safety: `submit` from any thread; `drain` from any thread but a writer job.
public final class CheckpointWriter: Sendable {
    private let queue: DispatchQueue

    public init(jobID: String) {
        queue = DispatchQueue(label: "eddy.checkpoint-writer.\(jobID)", qos: .utility)
    }

    public func submit(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }

    /// Waits until every submitted write has ended (before the job disposes its backends).
    public func drain() { queue.sync {} }
}
