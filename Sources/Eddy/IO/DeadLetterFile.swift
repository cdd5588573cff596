import Foundation

/// Appends dead letters as `source:line: reason: raw` lines to a file. Malformed input is rare, so
/// this is plain buffered Foundation I/O, not a hot path.
///
/// Not thread-safe: one writer per job.
public final class DeadLetterFile {
    public let path: String
    public private(set) var count = 0
    private var buffer = ""
    private let handle: FileHandle

    /// Creates (or truncates) the file.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw KeyedCountError("cannot create dead-letter file '\(path)'")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    public func append(_ letter: DeadLetter) {
        buffer += "\(letter.source):\(letter.line): \(letter.reason): \(letter.raw)\n"
        count += 1
        if buffer.utf8.count > 1 << 16 { try? flush() }
    }

    /// Flushes, fsyncs and closes the file.
    public func close() throws {
        try flush()
        try handle.synchronize()
        try handle.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }
}
