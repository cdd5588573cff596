/// A sink's output file, written through a buffer to `path.inprogress` and made visible at `path`
/// only by `commit()`: flush, `fsync`, atomic rename, `fsync` of the directory. Readers see no file
/// or the complete one, even across a crash. `abandon()` (or dropping it uncommitted) removes the
/// in-progress file.
///
/// Not thread-safe: owned by one sink writer.
final class InProgressFile {
    /// Where the file appears on commit.
    let path: String
    let inProgressPath: String
    private(set) var bytesWritten = 0
    private var file: ClickFileDescriptor?
    private var buffer: [UInt8] = []
    private let bufferCapacity: Int

    /// Creates (or truncates) `inProgressPath`, by default `path + ".inprogress"`.
    init(path: String, inProgressPath: String? = nil, bufferCapacity: Int) throws(ClickFileError) {
        self.path = path
        self.inProgressPath = inProgressPath ?? path + ".inprogress"
        self.bufferCapacity = Swift.max(bufferCapacity, 1)
        buffer.reserveCapacity(self.bufferCapacity + 4096)
        file = try ClickFileDescriptor.createForWriting(self.inProgressPath)
    }

    deinit { abandon() }

    /// The file of subtask `subtaskIndex`: `base` alone when there is one subtask, else `base-<index>`.
    static func path(base: String, subtaskIndex: Int, parallelism: Int) -> String {
        parallelism == 1 ? base : "\(base)-\(subtaskIndex)"
    }

    /// Appends `text` and a '\n'.
    @inline(__always)
    func appendLine(_ text: String) throws(ClickFileError) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= bufferCapacity { try flush() }
    }

    /// Appends `bytes` and a '\n'.
    @inline(__always)
    func appendLine(bytes: some Sequence<UInt8>) throws(ClickFileError) {
        buffer.append(contentsOf: bytes)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= bufferCapacity { try flush() }
    }

    /// Flushes, syncs and renames to `path`.
    ///
    /// - Precondition: not committed or abandoned before.
    func commit() throws(ClickFileError) {
        guard let file else { preconditionFailure("InProgressFile committed after commit or abandon") }
        try flush()
        try file.sync()
        self.file = nil
        do {
            try file.close()
            try renameFile(inProgressPath, to: path)
        } catch {
            unlinkFile(inProgressPath)
            throw error
        }
        try ClickFileDescriptor.syncDirectory(directoryOf(path))
    }

    /// Drops the in-progress file; does nothing after `commit()`.
    func abandon() {
        guard let file else { return }
        try? file.close()
        self.file = nil
        unlinkFile(inProgressPath)
    }

    private func flush() throws(ClickFileError) {
        guard !buffer.isEmpty, let file else { return }
        try file.write(buffer, count: buffer.count)
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
