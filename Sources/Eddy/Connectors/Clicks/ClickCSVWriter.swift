/// Writes clicks as headerless `user_id,item_id,ts_millis\n` CSV rows, durably.
///
/// Rows go to `path + ".tmp"` through a large reused buffer; `close()` flushes, `fsync`s, renames the
/// file to `path` and `fsync`s the directory. Readers therefore see either no file or the complete
/// one, even across a crash. A writer dropped without `close()` removes its temporary file.
///
/// Not thread-safe: one writer belongs to one producer.
public final class ClickCSVWriter {
    /// What a finished write produced.
    public struct Stats: Sendable, Hashable {
        /// The final path of the file.
        public var path: String
        /// Rows written.
        public var records: Int
        /// Bytes written.
        public var bytes: Int
    }

    /// The final path, valid once `close()` returned.
    public let path: String
    /// Where rows go until `close()` renames it to `path`.
    public let temporaryPath: String

    private var file: ClickFileDescriptor?
    private var encoder: ClickCSVEncoder
    private var records = 0
    private var flushedBytes = 0

    /// Creates (or truncates) `path + ".tmp"` for writing.
    ///
    /// - Parameter bufferCapacity: bytes collected before each `write` system call.
    public init(path: String, bufferCapacity: Int = 1 << 20) throws(ClickFileError) {
        self.path = path
        temporaryPath = path + ".tmp"
        file = try ClickFileDescriptor.createForWriting(temporaryPath)
        encoder = ClickCSVEncoder(capacity: bufferCapacity)
    }

    deinit {
        // Abandoned (error or forgotten close): leave no partial file behind.
        if let file {
            try? file.close()
            unlinkFile(temporaryPath)
        }
    }

    /// Appends one row.
    public func write(_ click: Click) throws(ClickFileError) {
        encoder.append(click)
        records += 1
        if encoder.isFull { try flush() }
    }

    /// Appends one row per click, in order.
    public func write(contentsOf clicks: [Click]) throws(ClickFileError) {
        for click in clicks {
            encoder.append(click)
            if encoder.isFull { try flush() }
        }
        records += clicks.count
    }

    /// Flushes, syncs, and atomically renames the file to `path`; the writer is finished afterwards.
    ///
    /// - Precondition: not called twice.
    @discardableResult
    public func close() throws(ClickFileError) -> Stats {
        guard let file else { preconditionFailure("ClickCSVWriter.close() called twice") }
        try flush()
        try file.sync()
        self.file = nil
        // From here the descriptor is closed even on error; deinit only removes the temporary file.
        do {
            try file.close()
        } catch {
            unlinkFile(temporaryPath)
            throw error
        }
        do {
            try renameFile(temporaryPath, to: path)
        } catch {
            unlinkFile(temporaryPath)
            throw error
        }
        try ClickFileDescriptor.syncDirectory(directoryOf(path))
        return Stats(path: path, records: records, bytes: flushedBytes)
    }

    /// Writes the buffered rows out and empties the buffer.
    private func flush() throws(ClickFileError) {
        guard encoder.count > 0, let file else { return }
        try file.write(encoder.bytes, count: encoder.count)
        flushedBytes += encoder.count
        encoder.reset()
    }
}

extension ClickCSVWriter {
    /// Generates the clicks `options` describe and writes them durably to `path`, in one call.
    ///
    /// The entry point of `eddy gen clicks`: validate, generate in batches, write, close.
    /// - Throws: `ClickGeneratorOptions.InvalidOptions` for bad options, `ClickFileError` for I/O.
    public static func writeGenerated(
        _ options: ClickGeneratorOptions, to path: String, bufferCapacity: Int = 1 << 20
    ) throws -> Stats {
        try options.validate()
        var generator = ClickGenerator(options: options)
        let writer = try ClickCSVWriter(path: path, bufferCapacity: bufferCapacity)
        var batch: [Click] = []
        while generator.fill(into: &batch, max: 4096) > 0 {
            try writer.write(contentsOf: batch)
        }
        return try writer.close()
    }
}
