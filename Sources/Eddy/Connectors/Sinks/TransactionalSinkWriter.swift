import EddyRuntime

/// A sink writer whose output becomes visible in two phases, so that it is exactly once across
/// failures: at a checkpoint barrier it prepares what it wrote (``prepareCommit(checkpointID:)``,
/// whose state goes into the checkpoint), and publishes it when that checkpoint completes
/// (``commit(upTo:)``). After a restore it receives the states of the restored checkpoint and
/// publishes what they prepared. Flink's `TwoPhaseCommittingSink`.
///
/// Thread-safety: confined to its task thread.
public protocol TransactionalSinkWriter<Element>: SinkWriter {
    /// The states every old subtask returned from `prepareCommit` for the restored checkpoint
    /// (before `open`).
    func restore(_ states: [[UInt8]]) throws
    /// Prepares what was written since the last call; returns this subtask's state for checkpoint
    /// `checkpointID`.
    func prepareCommit(checkpointID: Int64) throws -> [UInt8]
    /// Publishes what was prepared for checkpoints up to `checkpointID`, which completed.
    func commit(upTo checkpointID: Int64) throws
    /// Publishes everything prepared (a job without checkpoints, at its end).
    func commitAll() throws
}

extension PartFileSinkWriter: TransactionalSinkWriter {}
