import EddyRuntime
import Foundation

/// Writes records as lines into part files of a directory, exactly once across failures when the
/// job checkpoints (Flink's `FileSink` with a row format, rolling on every checkpoint):
///
/// 1. records go to a hidden in-progress part, `.part-<subtask>-<n><suffix>.inprogress`;
/// 2. at a checkpoint barrier (``prepareCommit(checkpointID:)``) the part is flushed, fsync'ed and
///    renamed to `.part-…pending`; the returned state, kept in the checkpoint, names it;
/// 3. when that checkpoint completes (``commit(upTo:)``) pending parts are renamed to
///    `part-<subtask>-<n><suffix>` and the directory is fsync'ed: now they are output.
///
/// After a crash the job restores the last completed checkpoint: ``restore(_:)`` receives the state
/// of every old subtask, `open` commits the parts they had pending (idempotently: a part already
/// renamed is fine) and removes hidden parts no checkpoint names (written after it: their records
/// are replayed). Part numbers continue after the highest restored one, so no name is reused.
///
/// At end of input ``finish()`` makes the last part pending; the job's final checkpoint commits it
/// (or, without checkpoints, ``commitAll()`` right away).
///
/// Thread-safety: confined to its task thread.
public final class PartFileSinkWriter<Record>: SinkWriter {
    public typealias Element = Record

    public let directory: String
    public let bufferCapacity: Int
    public private(set) var recordsWritten = 0
    /// Committed part files, in commit order (for tests and logs).
    public private(set) var committedPaths: [String] = []

    private let names: PartFileNames
    private let header: [String]?
    private let format: (Record) -> String
    private var subtask = 0
    private var nextSequence: Int64 = 0
    private var pending: [PartFileSinkState.Pending] = []
    private var restored: [PartFileSinkState] = []
    private var file: InProgressFile?
    private var fileSequence: Int64 = 0

    /// Marks a part made pending at end of input, before the checkpoint that will commit it.
    static var endOfInput: Int64 { -1 }

    public init(
        directory: String, prefix: String = "part", suffix: String = ".csv", header: [String]? = nil,
        bufferCapacity: Int = 1 << 20, row: @escaping (Record) -> String
    ) {
        self.directory = directory
        self.bufferCapacity = bufferCapacity
        self.header = header
        names = PartFileNames(directory: directory, prefix: prefix, suffix: suffix)
        format = row
    }

    deinit { file?.abandon() }

    /// Takes the states of every old subtask from the restored checkpoint (before `open`).
    public func restore(_ states: [[UInt8]]) throws {
        restored = try states.map { try PartFileSinkState(decoding: $0, sink: directory) }
    }

    public func open(subtaskIndex: Int, parallelism: Int) throws {
        subtask = subtaskIndex
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ConnectorError(.io, "cannot create the sink directory: \(error)", location: directory)
        }
        nextSequence = restored.map(\.nextSequence).max() ?? 0
        var keep = Set<String>()
        for state in restored {
            for part in state.pending {
                try commitPart(subtask: state.subtask, sequence: part.sequence)
                keep.insert(names.pending(subtask: state.subtask, sequence: part.sequence))
            }
        }
        try syncDirectory()
        removeLeftovers(parallelism: parallelism, keeping: keep)
        restored = []
    }

    public func write(_ value: Record, timestamp: Int64?) throws {
        if file == nil { try startPart() }
        try file!.appendLine(format(value))
        recordsWritten += 1
    }

    /// Makes the current part pending for checkpoint `checkpointID` and returns this subtask's state
    /// for the checkpoint.
    public func prepareCommit(checkpointID: Int64) throws -> [UInt8] {
        try closeCurrentPart(as: checkpointID)
        for index in pending.indices where pending[index].checkpointID == Self.endOfInput {
            pending[index].checkpointID = checkpointID
        }
        return PartFileSinkState(subtask: subtask, nextSequence: nextSequence, pending: pending).encoded()
    }

    /// Commits the parts pending for checkpoints up to `checkpointID` (it completed).
    public func commit(upTo checkpointID: Int64) throws {
        let due = pending.filter { $0.checkpointID != Self.endOfInput && $0.checkpointID <= checkpointID }
        guard !due.isEmpty else { return }
        for part in due { try commitPart(subtask: subtask, sequence: part.sequence) }
        try syncDirectory()
        pending.removeAll { part in due.contains(part) }
    }

    /// Commits everything pending (a job without checkpoints, at its end).
    public func commitAll() throws {
        for part in pending { try commitPart(subtask: subtask, sequence: part.sequence) }
        if !pending.isEmpty { try syncDirectory() }
        pending = []
    }

    /// End of input: the current part becomes pending, for the final checkpoint to commit.
    public func finish() throws {
        try closeCurrentPart(as: Self.endOfInput)
    }

    /// Parts prepared and not yet committed.
    public var pendingCount: Int { pending.count }

    public func close() {
        file?.abandon()
        file = nil
    }

    private func startPart() throws {
        fileSequence = nextSequence
        nextSequence += 1
        let file = try InProgressFile(
            path: names.pending(subtask: subtask, sequence: fileSequence),
            inProgressPath: names.inProgress(subtask: subtask, sequence: fileSequence), bufferCapacity: bufferCapacity)
        if let header { try file.appendLine(CSVFormat.row(header)) }
        self.file = file
    }

    /// Flushes, fsyncs and renames the current part to its pending name (nothing when no part is open).
    private func closeCurrentPart(as checkpointID: Int64) throws {
        guard let file else { return }
        self.file = nil
        try file.commit()
        pending.append(.init(checkpointID: checkpointID, sequence: fileSequence))
    }

    /// Renames a pending part to its committed name; fine when that was done before a crash.
    private func commitPart(subtask: Int, sequence: Int64) throws {
        let pendingPath = names.pending(subtask: subtask, sequence: sequence)
        let committedPath = names.committed(subtask: subtask, sequence: sequence)
        if FileManager.default.fileExists(atPath: pendingPath) {
            try renameFile(pendingPath, to: committedPath)
        } else if !FileManager.default.fileExists(atPath: committedPath) {
            throw ConnectorError(
                .io, "pending part \(pendingPath) of a completed checkpoint is gone: its output is lost",
                location: pendingPath)
        }
        committedPaths.append(committedPath)
    }

    private func syncDirectory() throws {
        try ClickFileDescriptor.syncDirectory(directory)
    }

    /// Removes hidden parts of this subtask (subtask 0 also: of subtasks beyond the parallelism) that
    /// no restored checkpoint names: they hold records after it, which the sources replay.
    private func removeLeftovers(parallelism: Int, keeping keep: Set<String>) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in entries {
            guard let owner = names.parseHidden(name) else { continue }
            guard owner.subtask == subtask || (subtask == 0 && owner.subtask >= parallelism) else { continue }
            let path = directory + "/" + name
            if !keep.contains(path) { unlinkFile(path) }
        }
    }
}
