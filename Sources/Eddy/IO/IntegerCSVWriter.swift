/// Writes headerless CSV rows of integers (clicks as `user_id,item_id,ts_millis`, counts as
/// `user_id,count`), durably.
///
/// Rows go to `path + ".tmp"` through a large reused buffer; `close()` flushes, `fsync`s, renames the
/// file to `path` and `fsync`s the directory. Readers therefore see either no file or the complete
/// one, even across a crash. A writer dropped without `close()` removes its temporary file.
///
/// Not thread-safe: one writer belongs to one producer.
public final class IntegerCSVWriter {
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
    private var encoder: IntegerCSVEncoder
    private var records = 0
    private var flushedBytes = 0

    /// Creates (or truncates) `path + ".tmp"` for writing.
    ///
    /// - Parameter bufferCapacity: bytes collected before each `write` system call.
    public init(path: String, bufferCapacity: Int = 1 << 20) throws(ClickFileError) {
        self.path = path
        temporaryPath = path + ".tmp"
        file = try ClickFileDescriptor.createForWriting(temporaryPath)
        encoder = IntegerCSVEncoder(capacity: bufferCapacity)
    }

    deinit {
        // Abandoned (error or forgotten close): leave no partial file behind.
        if let file {
            try? file.close()
            unlinkFile(temporaryPath)
        }
    }

    /// Appends the row `a,b,c`.
    @inline(__always)
    public func writeRow(_ a: Int64, _ b: Int64, _ c: Int64) throws(ClickFileError) {
        encoder.append(a, b, c)
        records += 1
        if encoder.isFull { try flush() }
    }

    /// Appends the row `a,b`.
    @inline(__always)
    public func writeRow(_ a: Int64, _ b: Int64) throws(ClickFileError) {
        encoder.append(a, b)
        records += 1
        if encoder.isFull { try flush() }
    }

    /// Flushes, syncs, and atomically renames the file to `path`; the writer is finished afterwards.
    ///
    /// - Precondition: not called twice.
    @discardableResult
    public func close() throws(ClickFileError) -> Stats {
        guard let file else { preconditionFailure("IntegerCSVWriter.close() called twice") }
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
