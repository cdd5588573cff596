import EddyCore
import EddyMemory
import EddyRuntime
import EddyState

/// Names and the small header of the session operator's own snapshot (its table; the backend and
/// the backend keys' timers are checkpointed by the keyed operator).
public enum SessionSnapshotNames {
    /// Raw keyed state: a page manifest, then the page files it refers to.
    public static let table = "session-table"
    static let version: UInt8 = 1
}

extension SessionWindowOperator: CheckpointedOperator {
    /// Writes the table pages changed since the last snapshot (``PagedRawKeyedState``), with a
    /// header (version, whether keys live in the backend without a table entry, max parallelism).
    /// The check queue is not written: a restore rebuilds it from the check times in the table.
    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        guard let table else { return PendingSnapshot(synchronousNanoseconds: 0) { OperatorSubtaskState() } }
        let pages = table.table
        let source = PagedStructureSource(
            name: "table", geometry: pages.geometry.bytes, pageCount: pages.pageCount, dirtyPages: pages.takeDirtyPages(),
            pageBytes: pages.pageBytes)
        var extra = ByteArrayWriter(reservingCapacity: 8)
        extra.writeByte(SessionSnapshotNames.version)
        extra.writeByte(keysOutsideTable ? 1 : 0)
        extra.writeInteger(UInt32(backend.maxParallelism))
        return paged.snapshot(request, structures: [source], extra: extra.bytes, keyGroupRange: backend.keyGroupRange)
    }

    public func notifyCheckpointComplete(_ checkpointID: Int64) throws { paged.notifyComplete(checkpointID) }
}
