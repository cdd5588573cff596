import EddyRuntime

/// Reads text files line by line and parses each line into a record (Flink's `FileSource` with a
/// line format).
///
/// Files are read in chunks (1 MiB by default) into one reused buffer; a line inside a chunk is
/// parsed straight from it. '\r\n' endings are accepted, blank lines are skipped. A line the parser
/// rejects becomes a ``DeadLetter`` (path, 1-based line, reason, raw text) sent to the side output
/// ``DeadLetter/tagName``, is counted in `deadLetters`, and reading goes on.
///
/// Parallelism: subtask `i` of `P` reads the files at indices `i, i + P, i + 2P, …` of `paths`, one
/// after the other. A single file is therefore read by subtask 0 alone; other subtasks end at once.
/// In `.following` mode the subtask's files before its last are read to their end and only its last
/// file is followed.
///
/// Thread-safety: confined to its task thread; the counters may be read from any thread.
public final class FileLineSourceReader<Record>: CheckpointedSourceReader {
    public typealias Element = Record

    /// All files of the source, in order.
    public let paths: [String]
    public let mode: FileReadMode
    /// Bytes per `read` system call.
    public let chunkSize: Int
    /// Records emitted.
    public let records = SingleWriterCounter()
    /// Lines sent to the dead-letter side output.
    public let deadLetters = SingleWriterCounter()

    private let parse: (ArraySlice<UInt8>) throws(RecordParseError) -> Record
    private let scanner: LineScanner<Record>
    private let timestamp: ((Record) -> Int64?)?
    private let start: FileLinePosition?
    /// Indices into `paths` of this subtask's files; set by `open`.
    private var assigned: [Int] = []
    /// Index into `assigned` of the file being read; `assigned.count` once all are done.
    private var current = 0
    private var file: ClickFileDescriptor?
    private var lines: LineBuffer
    private var lineNumber = 0
    private var isOpen = false
    /// In `.following` mode, when the followed file last showed no new data.
    private var lastEmptyRead: ContinuousClock.Instant?
    /// Where the last file ended, once all are read.
    private var endPosition: FileLinePosition?
    /// Progress restored from a checkpoint (all old subtasks'), applied by `open`.
    private var restored = FileSourceProgress()
    /// Indices of every file this subtask owns (`assigned` without the ones restored as finished).
    private var owned: [Int] = []

    /// - Parameters:
    ///   - paths: the files; see the type's documentation for how subtasks share them.
    ///   - parser: turns a line (without terminator, never empty) into a record.
    ///   - mode: `.bounded` or `.following(pollInterval:)`.
    ///   - chunkSize: bytes per read, 1 MiB by default.
    ///   - position: where to resume, as `position` reported it for this subtask; nil for the start.
    ///   - timestamp: event time of a record, if records carry one.
    public init<Parser: LineRecordParser<Record>>(
        paths: [String], parser: Parser, mode: FileReadMode = .bounded, chunkSize: Int = 1 << 20,
        startingAt position: FileLinePosition? = nil, timestamp: ((Record) -> Int64?)? = nil
    ) {
        self.paths = paths
        self.mode = mode
        self.chunkSize = Swift.max(chunkSize, 1)
        self.parse = { (line) throws(RecordParseError) -> Record in try parser.parse(line) }
        self.timestamp = timestamp
        scanner = makeLineScanner(parser, timestamp: timestamp)
        self.start = position
        lines = LineBuffer(chunkSize: self.chunkSize)
    }

    /// One file: read by subtask 0 only.
    public convenience init<Parser: LineRecordParser<Record>>(
        path: String, parser: Parser, mode: FileReadMode = .bounded, chunkSize: Int = 1 << 20,
        startingAt position: FileLinePosition? = nil, timestamp: ((Record) -> Int64?)? = nil
    ) {
        self.init(
            paths: [path], parser: parser, mode: mode, chunkSize: chunkSize, startingAt: position,
            timestamp: timestamp)
    }

    deinit { close() }

    /// How far this subtask has read; store it to resume with `init(... startingAt:)`. Read it
    /// between polls (inside a poll, from an output closure, it is not up to date).
    public var position: FileLinePosition {
        guard isOpen, current < assigned.count else {
            return endPosition ?? start ?? FileLinePosition(fileIndex: assigned.first ?? 0, byteOffset: 0, line: 0)
        }
        return FileLinePosition(fileIndex: assigned[current], byteOffset: lines.consumedOffset, line: lineNumber)
    }

    /// The file being read, nil before `open` and after the last.
    public var currentPath: String? {
        isOpen && current < assigned.count ? paths[assigned[current]] : nil
    }

    /// Picks this subtask's files and opens the first (at the resume position, if given).
    ///
    /// - Throws: ``ClickFileError`` naming the path if it cannot be opened; ``ConnectorError``
    ///   (`.invalidPosition`) if the resume position names a file not assigned to this subtask.
    public func open(subtaskIndex: Int, parallelism: Int) throws {
        precondition(!isOpen, "FileLineSourceReader opened twice")
        precondition(parallelism > 0 && (0..<parallelism).contains(subtaskIndex), "bad subtask \(subtaskIndex)/\(parallelism)")
        owned = Array(stride(from: subtaskIndex, to: paths.count, by: parallelism))
        assigned = owned.filter { !restored.finished.contains($0) }
        isOpen = true
        current = 0
        if let start {
            guard let index = assigned.firstIndex(of: start.fileIndex) else {
                throw ConnectorError(
                    .invalidPosition,
                    "resume position \(start) names a file not read by subtask \(subtaskIndex) of \(parallelism)",
                    location: start.fileIndex < paths.count ? paths[start.fileIndex] : "file #\(start.fileIndex)")
            }
            current = index
            try openCurrent(at: start.byteOffset, line: start.line)
        } else if !assigned.isEmpty {
            try openCurrentResuming()
        }
    }

    /// Takes the progress of every old subtask from a restored checkpoint (before `open`): files read
    /// to their end are skipped, files read part of the way resume where they were.
    public func restoreProgress(_ states: [[UInt8]]) throws {
        precondition(!isOpen, "restoreProgress after open")
        restored = try FileSourceProgress(merging: states, source: paths.first ?? "file source")
    }

    public func snapshotPosition() throws -> [UInt8] { progress().encoded() }
    public func restorePosition(_ positions: [[UInt8]]) throws { try restoreProgress(positions) }
    /// Every subtask takes the entries of the files it reads now (see ``FileSourceProgress``).
    public var restoresAllPositions: Bool { true }

    /// This subtask's progress for a checkpoint, for the files it owns (the other subtasks report
    /// theirs, so every file has one entry). Call between polls.
    public func progress() -> FileSourceProgress {
        var progress = FileSourceProgress()
        let done = Set(assigned.prefix(current))
        let reading = isOpen && current < assigned.count ? assigned[current] : nil
        for file in owned {
            if restored.finished.contains(file) || done.contains(file) {
                progress.finished.insert(file)
            } else if file == reading {
                progress.partial[file] = position
            } else if let resume = restored.partial[file] {
                // Not reached yet: keep the restored offset until it is.
                progress.partial[file] = resume
            }
        }
        return progress
    }

    public func close() {
        if let file { try? file.close() }
        file = nil
    }

    /// Emits up to `budget` lines' worth of output: records and dead letters count, blank lines not.
    ///
    /// - Returns: `.moreAvailable` while data may remain, `.nothingAvailable` in `.following` mode at
    ///   the end of the followed file, `.endOfInput` when the (bounded) files are done.
    /// - Throws: ``ClickFileError`` on read errors, and whatever `output` throws.
    public func poll(into output: Output<Record>, budget: Int) throws -> SourceStatus {
        precondition(isOpen, "FileLineSourceReader.poll before open")
        // Work on a local buffer (moved out, not copied) and count locally: no exclusivity checks on
        // the class's properties and no atomic store per record.
        var lines = LineBuffer.empty
        swap(&lines, &self.lines)
        var scan = LineScan(lineNumber: lineNumber)
        defer {
            swap(&lines, &self.lines)
            lineNumber = scan.lineNumber
            records.increment(by: scan.produced)
        }
        while scan.emitted < budget {
            guard let file else { return .endOfInput }
            try scanner(&lines, &scan, budget, output) { line, reason, number in
                try self.sendDeadLetter(line, reason: reason, line: number, output)
            }
            if scan.emitted >= budget { break }
            let following = isFollowingCurrent
            if following, let lastEmptyRead, case .following(let interval) = mode,
                ContinuousClock.now - lastEmptyRead < interval
            {
                return .nothingAvailable
            }
            if try lines.refill({ (buffer) throws(ClickFileError) -> Int in try file.read(into: &buffer) }) > 0 {
                lastEmptyRead = nil
                continue
            }
            // End of the file as it is now.
            if following {
                lastEmptyRead = ContinuousClock.now
                return .nothingAvailable
            }
            if let line = lines.takeFinalLine() {
                scan.lineNumber += 1
                if !line.isEmpty {
                    if try handle(line, line: scan.lineNumber, output) { scan.produced += 1 }
                    scan.emitted += 1
                }
                continue
            }
            // Put the buffer back while the next file replaces it.
            swap(&lines, &self.lines)
            defer { swap(&lines, &self.lines) }
            lineNumber = scan.lineNumber
            try advance()
            scan.lineNumber = lineNumber
        }
        return file == nil ? .endOfInput : .moreAvailable
    }

    /// Whether the file being read is the one followed (the subtask's last, in `.following` mode).
    private var isFollowingCurrent: Bool {
        if case .following = mode { return current == assigned.count - 1 }
        return false
    }

    /// Parses and emits one line (the final one without '\n'; the others go through `scanner`);
    /// returns whether it was a record (not a dead letter).
    @inline(__always)
    private func handle(_ line: ArraySlice<UInt8>, line number: Int, _ output: Output<Record>) throws -> Bool {
        let value: Record
        do {
            value = try parse(line)
        } catch {
            try sendDeadLetter(line, reason: error.reason, line: number, output)
            return false
        }
        try output.record(value, timestamp?(value))
        return true
    }

    @inline(never)
    private func sendDeadLetter(
        _ line: ArraySlice<UInt8>, reason: String, line number: Int, _ output: Output<Record>
    ) throws {
        deadLetters.increment()
        let letter = DeadLetter(
            source: paths[assigned[current]], line: number, reason: reason,
            raw: String(decoding: line, as: UTF8.self))
        try output.sideOutput(DeadLetter.tagName, letter, nil)
    }

    /// Closes the finished file and opens the next assigned one, if any.
    private func advance() throws {
        let reached = position
        close()
        current += 1
        if current == assigned.count { endPosition = reached }
        if current < assigned.count { try openCurrentResuming() }
    }

    /// Opens the current file where a restored checkpoint left it, or at its start.
    private func openCurrentResuming() throws {
        let resume = restored.partial[assigned[current]]
        try openCurrent(at: resume?.byteOffset ?? 0, line: resume?.line ?? 0)
    }

    private func openCurrent(at offset: Int, line: Int) throws {
        let opened = try ClickFileDescriptor.openForReading(paths[assigned[current]])
        do {
            if offset > 0 { try opened.seek(to: offset) }
        } catch {
            try? opened.close()
            throw error
        }
        file = opened
        lines = LineBuffer(chunkSize: chunkSize, startOffset: offset)
        lineNumber = line
        lastEmptyRead = nil
    }
}
