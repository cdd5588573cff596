/// A source reader bound to the output of its chain, type-erased into closures (built in specialized
/// code, so the reader and output keep their concrete types inside).
///
/// Thread-safety: the source task's thread only.
public struct SourceDriver {
    /// Opens the reader for its subtask.
    public var open: () throws -> Void
    /// Emits up to `budget` records into the chain.
    public var poll: (_ budget: Int) throws -> SourceStatus
    /// Sends the end-of-time watermark into the chain (a bounded source ended).
    public var finish: () throws -> Void
    public var close: () -> Void
    /// Snapshots the reader's position when the task is triggered (a ``CheckpointedSourceReader``).
    public var checkpointed: (any CheckpointedOperator)?

    public init(
        open: @escaping () throws -> Void, poll: @escaping (Int) throws -> SourceStatus,
        finish: @escaping () throws -> Void, close: @escaping () -> Void, checkpointed: (any CheckpointedOperator)? = nil
    ) {
        self.open = open
        self.poll = poll
        self.finish = finish
        self.close = close
        self.checkpointed = checkpointed
    }

    /// Drives `reader` into `output`.
    public static func reading<R: SourceReader>(
        _ reader: R, into output: Output<R.Element>, subtaskIndex: Int, parallelism: Int
    ) -> SourceDriver {
        SourceDriver(
            open: { try reader.open(subtaskIndex: subtaskIndex, parallelism: parallelism) },
            poll: { budget in try reader.poll(into: output, budget: budget) },
            finish: { try output.watermark(.endOfTime) },
            close: { reader.close() })
    }
}
