import EddyState

/// An operator with state to checkpoint: keyed state, operator state (source offsets, sink
/// transactions), raw key-grouped state (timers, window tables, sketches).
///
/// The task calls, on its own thread:
/// - `snapshotState` when the barrier has arrived (after every element before it was processed,
///   before the barrier goes downstream): the synchronous part, short; the returned
///   ``PendingSnapshot`` writes the rest out on another thread;
/// - `notifyCheckpointComplete` once the coordinator completed the checkpoint (sinks commit here);
/// - `notifyCheckpointAborted` when it failed or timed out (discard what it prepared).
/// Restored state arrives before `open`, through ``DeploymentContext/restore``.
public protocol CheckpointedOperator: OperatorLifecycle {
    func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot
    func notifyCheckpointComplete(_ checkpointID: Int64) throws
    func notifyCheckpointAborted(_ checkpointID: Int64)
}

extension CheckpointedOperator {
    public func notifyCheckpointComplete(_ checkpointID: Int64) throws {}
    public func notifyCheckpointAborted(_ checkpointID: Int64) {}
}

/// What a snapshot is asked for.
public struct SnapshotRequest: Sendable {
    public var barrier: CheckpointBarrier
    /// Where this checkpoint's files go (`chk-<n>/`, `shared/`).
    public var location: CheckpointStorageLocation
    /// Unique per job; prefixes this operator's file names.
    public var operatorID: String
    public var subtaskIndex: Int

    public init(barrier: CheckpointBarrier, location: CheckpointStorageLocation, operatorID: String, subtaskIndex: Int) {
        self.barrier = barrier
        self.location = location
        self.operatorID = operatorID
        self.subtaskIndex = subtaskIndex
    }

    public var checkpointID: Int64 { barrier.checkpointID }
}

/// A snapshot whose synchronous part is done.
public struct PendingSnapshot: Sendable {
    /// Time the synchronous part took (a checkpoint metric).
    public var synchronousNanoseconds: UInt64
    /// Writes the snapshot out (any thread, once) and describes what it wrote.
    public var finish: @Sendable () throws -> OperatorSubtaskState

    public init(synchronousNanoseconds: UInt64, finish: @escaping @Sendable () throws -> OperatorSubtaskState) {
        self.synchronousNanoseconds = synchronousNanoseconds
        self.finish = finish
    }

    /// A snapshot written entirely in the synchronous part.
    public static func done(_ state: OperatorSubtaskState, synchronousNanoseconds: UInt64 = 0) -> PendingSnapshot {
        PendingSnapshot(synchronousNanoseconds: synchronousNanoseconds) { state }
    }
}
