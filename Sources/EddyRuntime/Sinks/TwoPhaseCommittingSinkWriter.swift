/// A sink writer that makes its output visible in two phases, for exactly-once output (Flink's
/// `TwoPhaseCommittingSink`): on each checkpoint's barrier it prepares what it wrote since the
/// previous one (a pending file, an open transaction) and describes it as a committable, which
/// is stored in the checkpoint; when the checkpoint completes, the committables are committed
/// (renamed into place, the transaction committed).
///
/// After a restore, the committables stored in the restored checkpoint are committed again before
/// any new record is written, so `commit` must be idempotent (a committable already committed is
/// no error). A committable of an aborted checkpoint is committed with the next completed one.
/// At the end of input every pending committable is committed, then `finish()` makes the rest of
/// the output durable and visible.
///
/// Thread-safety: confined to its task thread.
public protocol TwoPhaseCommittingSinkWriter: SinkWriter {
    /// Closes what was written since the last call into a committable (nothing visible yet).
    /// - Returns: the committable's description, stored in the checkpoint (keep it small).
    func prepareCommit(checkpointID: Int64) throws -> [UInt8]
    /// Makes `committables` visible, oldest first. Idempotent.
    func commit(_ committables: [[UInt8]]) throws
    /// After a restore, before any record: makes the restored checkpoint's `committables` visible
    /// and drops what the failed run wrote after that checkpoint (its records come again). The
    /// default commits them.
    func recover(_ committables: [[UInt8]]) throws
}

extension TwoPhaseCommittingSinkWriter {
    public func recover(_ committables: [[UInt8]]) throws { try commit(committables) }
}
