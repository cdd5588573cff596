import EddyRuntime
import Foundation

/// Writes records as lines into part files of a directory, exactly once across failures when the
/// job checkpoints (Flink's `FileSink` with a row format, rolling on every checkpoint):
///
/// 1. records go to a hidden in-progress part, `.part-<subtask>-<n><suffix>.inprogress`;
/// 2. at a checkpoint barrier (``prepareCommit(checkpointID:)``) the part is flushed, fsync'ed and
///    renamed to `.part-…pending`; the committable, kept in the checkpoint, names it;
/// 3. when that checkpoint completes (``commit(_:)``) pending parts are renamed to
///    `part-<subtask>-<n><suffix>` and the directory is fsync'ed: now they are output.
///
/// After a crash the job restores the last completed checkpoint and ``recover(_:)`` gets its
/// committables: their pending parts are committed (again: a part already renamed is fine), and
/// every part of the same subtask numbered at or after the checkpoint's next number is deleted,
/// hidden or visible: it was written after the checkpoint (at most the end-of-input part is
/// visible), and its records come again from the sources. New parts are numbered after every part
/// in the directory, so no name is reused. Without checkpoints the parts appear at end of input.
///
/// Thread-safety: confined to its task thread.
public final class PartFileSinkWriter<Record>: TwoPhaseCommittingSinkWriter {
    public typealias Element = Record

    public let directory: String
    public let bufferCapacity: Int
    public private(set) var recordsWritten = 0

    private let names: PartFileNames
    private let header: [String]?
    private let format: (Record) -> String
    private var subtask = 0
    /// The next part number; nil until the first part starts (it scans the directory then).
    private var nextSequence: Int64?
    /// The highest next number restored committables name.
    private var restoredNext: Int64 = 0
    private var file: InProgressFile?
    private var fileSequence: Int64 = 0

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

    public func open(subtaskIndex: Int, parallelism: Int) throws {
        subtask = subtaskIndex
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ConnectorError(.io, "cannot create the sink directory: \(error)", location: directory)
        }
    }

    public func write(_ value: Record, timestamp: Int64?) throws {
        if file == nil { try startPart() }
        try file!.appendLine(format(value))
        recordsWritten += 1
    }

    /// Makes the current part pending and returns the committable naming it (and the next part
    /// number, which a restore needs even when no part was pending).
    public func prepareCommit(checkpointID: Int64) throws -> [UInt8] {
        var pending: [Int64] = []
        if let file {
            self.file = nil
            try file.commit()
            pending.append(fileSequence)
        }
        let next = try nextSequence ?? firstSequence()
        return PartFileSinkState(subtask: subtask, nextSequence: next, pending: pending).encoded()
    }

    public func commit(_ committables: [[UInt8]]) throws {
        var renamed = false
        for state in try committables.map({ try PartFileSinkState(decoding: $0, sink: directory) }) {
            for sequence in state.pending {
                try commitPart(subtask: state.subtask, sequence: sequence)
                renamed = true
            }
        }
        if renamed { try syncDirectory() }
    }

    public func recover(_ committables: [[UInt8]]) throws {
        let states = try committables.map { try PartFileSinkState(decoding: $0, sink: directory) }
        var keep = Set<String>()
        for state in states {
            for sequence in state.pending { keep.insert(names.pending(subtask: state.subtask, sequence: sequence)) }
        }
        // The newest committable of each old subtask says where its output stood at the checkpoint.
        var next: [Int: Int64] = [:]
        for state in states { next[state.subtask] = max(next[state.subtask] ?? 0, state.nextSequence) }
        removeParts(after: next, keeping: keep)
        restoredNext = next.values.max() ?? 0
        try commit(committables)
    }

    /// End of input: the current part becomes output at once (pending ones were committed before).
    public func finish() throws {
        guard let file else { return }
        self.file = nil
        try file.commit()
        try commitPart(subtask: subtask, sequence: fileSequence)
        try syncDirectory()
    }

    public func close() {
        file?.abandon()
        file = nil
    }

    private func startPart() throws {
        fileSequence = try nextSequence ?? firstSequence()
        nextSequence = fileSequence + 1
        let file = try InProgressFile(
            path: names.pending(subtask: subtask, sequence: fileSequence),
            inProgressPath: names.inProgress(subtask: subtask, sequence: fileSequence), bufferCapacity: bufferCapacity)
        if let header { try file.appendLine(CSVFormat.row(header)) }
        self.file = file
    }

    /// The first part number of this run: after every part of this subtask in the directory and
    /// after what restored committables name.
    private func firstSequence() throws -> Int64 {
        var next = restoredNext
        for name in try entries() {
            guard let part = names.parse(name), part.subtask == subtask else { continue }
            next = max(next, part.sequence + 1)
        }
        nextSequence = next
        return next
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
    }

    private func syncDirectory() throws {
        try ClickFileDescriptor.syncDirectory(directory)
    }

    private func entries() throws -> [String] {
        do { return try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw ConnectorError(.io, "cannot list the sink directory: \(error)", location: directory)
        }
    }

    /// Deletes the parts of each old subtask numbered at or after its restored next number, except
    /// the pending ones the restored checkpoint names.
    private func removeParts(after next: [Int: Int64], keeping keep: Set<String>) {
        for name in (try? entries()) ?? [] {
            guard let part = names.parse(name), let first = next[part.subtask], part.sequence >= first else { continue }
            let path = directory + "/" + name
            if !keep.contains(path) { unlinkFile(path) }
        }
    }
}
