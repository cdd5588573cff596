/// A source reader whose position is part of checkpoints, so a restored job reads on from where
/// the checkpoint was taken (exactly-once with aligned barriers). The position is stored as
/// operator list state, one element per subtask, redistributed like split state on rescale, or
/// given whole to every subtask (union) when ``restoresAllPositions`` says so.
///
/// Thread-safety: confined to its task thread, like every reader.
public protocol CheckpointedSourceReader: SourceReader {
    /// The reader's position now, after every record it emitted so far (file offset, generator
    /// sequence). Called between polls, when the task is triggered; keep it small.
    func snapshotPosition() throws -> [UInt8]
    /// Resumes from a checkpoint, before `open`: the positions of the old subtasks assigned to this
    /// one — its own old one at unchanged parallelism; several, or none, after rescaling (empty:
    /// start as a fresh reader would).
    /// - Throws: when a position cannot be understood (a clear error naming what it expected).
    func restorePosition(_ positions: [[UInt8]]) throws
    /// Whether every new subtask receives the positions of all old ones (union state), for readers
    /// whose positions say which part of the input each covered (files, sequence ranges) and that
    /// pick their own parts after a rescale. Default: false (split).
    var restoresAllPositions: Bool { get }
}

extension CheckpointedSourceReader {
    public var restoresAllPositions: Bool { false }
}
