import EddyRuntime

/// Writes records as CSV rows to one file per subtask, made visible atomically on `finish()`.
///
/// Rows go through a buffer (1 MiB by default) to `path.inprogress`; `finish()` flushes, `fsync`s
/// and renames it to its final name: `path` when parallelism is 1, else `path-<subtask>`. Nothing
/// is at the final name before `finish()`; `close()` without `finish()` removes the in-progress file.
///
/// Thread-safety: confined to its task thread.
public final class CSVFileSinkWriter<Record>: SinkWriter {
    public typealias Element = Record

    /// The path given; the subtask's file is derived from it on `open`.
    public let basePath: String
    public let header: [String]?
    public let bufferCapacity: Int
    /// Rows written (the header not counted).
    public private(set) var recordsWritten = 0
    /// The subtask's final path, once opened.
    public private(set) var path: String?

    private let format: (Record) -> String
    private var file: InProgressFile?

    /// Rows formatted by `row`, a whole line without its '\n' (the caller does any quoting).
    public init(
        path: String, header: [String]? = nil, bufferCapacity: Int = 1 << 20, row: @escaping (Record) -> String
    ) {
        basePath = path
        self.header = header
        self.bufferCapacity = bufferCapacity
        format = row
    }

    /// Rows made of the `fields` of each record, joined with ',' and quoted where needed.
    public convenience init(
        path: String, header: [String]? = nil, bufferCapacity: Int = 1 << 20,
        fields: @escaping (Record) -> [String]
    ) {
        self.init(path: path, header: header, bufferCapacity: bufferCapacity, row: { CSVFormat.row(fields($0)) })
    }

    deinit { file?.abandon() }

    /// Creates the subtask's in-progress file and writes the header, if any.
    /// - Throws: ``ClickFileError`` naming the path.
    public func open(subtaskIndex: Int, parallelism: Int) throws {
        precondition(file == nil, "CSVFileSinkWriter opened twice")
        let path = InProgressFile.path(base: basePath, subtaskIndex: subtaskIndex, parallelism: parallelism)
        let file = try InProgressFile(path: path, bufferCapacity: bufferCapacity)
        if let header { try file.appendLine(CSVFormat.row(header)) }
        self.file = file
        self.path = path
    }

    public func write(_ value: Record, timestamp: Int64?) throws {
        guard let file else { preconditionFailure("CSVFileSinkWriter.write before open or after finish") }
        try file.appendLine(format(value))
        recordsWritten += 1
    }

    /// Makes the file durable and visible at `path`.
    public func finish() throws {
        guard let file else { preconditionFailure("CSVFileSinkWriter.finish before open or twice") }
        self.file = nil
        try file.commit()
    }

    public func close() {
        file?.abandon()
        file = nil
    }
}
