import EddyMemory
import EddyState

/// Checkpoints a ``CheckpointedSourceReader``'s position as operator list state `source-position`
/// and restores it into the reader when built from a checkpoint.
final class SourcePositionCheckpointing: CheckpointedOperator {
    let name: String
    private let backend: OperatorStateBackend
    private let positions: OperatorListState<[UInt8]>
    private let reader: any CheckpointedSourceReader

    /// Restores the reader's position from `restore` (before the reader is opened).
    init(name: String, reader: any CheckpointedSourceReader, restore: OperatorRestore?, subtaskIndex: Int, parallelism: Int) throws {
        self.name = name
        self.reader = reader
        backend = try restore?.operatorStateBackend(subtaskIndex: subtaskIndex, parallelism: parallelism) ?? OperatorStateBackend()
        let descriptor = ListStateDescriptor(name: "source-position", elementSerializer: ByteArraySerializer())
        positions = try reader.restoresAllPositions ? backend.unionListState(descriptor) : backend.listState(descriptor)
        if restore != nil { try reader.restorePosition(positions.get()) }
    }

    func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        let start = monotonicNanoseconds()
        positions.update([try reader.snapshotPosition()])
        let state = try backend.snapshot(for: request)
        return .done(state, synchronousNanoseconds: monotonicNanoseconds() &- start)
    }
}

extension SourceDriver {
    /// Drives `reader` into `output`; a ``CheckpointedSourceReader`` is restored from `restore`
    /// and takes part in checkpoints.
    public static func reading<R: SourceReader>(
        _ reader: R, into output: Output<R.Element>, subtaskIndex: Int, parallelism: Int, name: String,
        restore: OperatorRestore?
    ) throws -> SourceDriver {
        var driver = reading(reader, into: output, subtaskIndex: subtaskIndex, parallelism: parallelism)
        if let checkpointed = reader as? any CheckpointedSourceReader {
            driver.checkpointed = try SourcePositionCheckpointing(
                name: "\(name)/position", reader: checkpointed, restore: restore, subtaskIndex: subtaskIndex,
                parallelism: parallelism)
        }
        return driver
    }
}
