import EddyCore
import EddyMemory
import EddyState

/// Runs a ``TwoPhaseCommittingSinkWriter`` with its task: prepares a committable on each barrier
/// and stores every committable not yet committed as operator list state `sink-committables`
/// (checkpoint id ‖ bytes), commits them when their checkpoint (or a later one) completes, commits
/// restored ones when it opens, and commits what is pending when the input ends.
public final class TwoPhaseCommitting: CheckpointedOperator {
    public let name: String
    private let writer: any TwoPhaseCommittingSinkWriter
    private let subtaskIndex: Int
    private let parallelism: Int
    private let backend: OperatorStateBackend
    private let stored: OperatorListState<[UInt8]>
    /// Prepared and not committed, oldest first.
    private var pending: [(checkpointID: Int64, committable: [UInt8])] = []
    /// From the restored checkpoint, committed at open.
    private var restored: [[UInt8]] = []

    /// - Throws: ``StateError`` when the restored operator state cannot be read.
    public init(
        name: String, writer: any TwoPhaseCommittingSinkWriter, subtaskIndex: Int, parallelism: Int, restore: OperatorRestore?
    ) throws {
        self.name = name
        self.writer = writer
        self.subtaskIndex = subtaskIndex
        self.parallelism = parallelism
        backend = try restore?.operatorStateBackend(subtaskIndex: subtaskIndex, parallelism: parallelism) ?? OperatorStateBackend()
        stored = try backend.listState(ListStateDescriptor(name: "sink-committables", elementSerializer: ByteArraySerializer()))
        restored = try stored.get().map { entry in
            guard entry.count >= 8 else {
                throw StateError(.corruptSnapshot, "sink '\(name)': a committable of \(entry.count) bytes has no checkpoint id")
            }
            return Array(entry[8...])
        }
        stored.clear()
    }

    public func open() throws {
        try writer.open(subtaskIndex: subtaskIndex, parallelism: parallelism)
        if !restored.isEmpty { try writer.recover(restored) }
        restored = []
    }

    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        let start = monotonicNanoseconds()
        pending.append((request.checkpointID, try writer.prepareCommit(checkpointID: request.checkpointID)))
        stored.update(pending.map { entry in
            var bytes = ByteArrayWriter(reservingCapacity: 8 + entry.committable.count)
            bytes.writeInteger(entry.checkpointID)
            bytes.writeBytes(entry.committable)
            return bytes.bytes
        })
        let state = try backend.snapshot(for: request)
        return .done(state, synchronousNanoseconds: monotonicNanoseconds() &- start)
    }

    /// Commits every committable prepared for `checkpointID` or before (an aborted checkpoint's too).
    public func notifyCheckpointComplete(_ checkpointID: Int64) throws {
        let ready = pending.prefix { $0.checkpointID <= checkpointID }
        guard !ready.isEmpty else { return }
        try writer.commit(ready.map(\.committable))
        pending.removeFirst(ready.count)
    }

    public func finish() throws {
        if !pending.isEmpty { try writer.commit(pending.map(\.committable)) }
        pending = []
        try writer.finish()
    }

    public func close() { writer.close() }
}
