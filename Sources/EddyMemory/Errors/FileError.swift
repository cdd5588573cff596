#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The error of the memory layer's files (spill files, durable snapshot files): corrupt or
/// truncated contents, or a failed system call.
/// Reading a damaged file always throws this, never crashes.
public struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong; a struct over a private enum so codes can be added without breaking users.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        @usableFromInline enum Value: Hashable, Sendable { case corrupt, truncated, io }
        @usableFromInline let value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
        /// The bytes are there but wrong: bad magic, checksum mismatch, impossible lengths,
        /// LZ4 data that does not decode to the recorded length, bytes after the footer.
        public static let corrupt = Code(.corrupt)
        /// The file ends early: inside a header or block, or without a footer.
        public static let truncated = Code(.truncated)
        /// A system call failed (open, read, write, fsync); see ``FileError/underlyingErrno``.
        public static let io = Code(.io)
        public var description: String {
            switch value {
            case .corrupt: "corrupt"
            case .truncated: "truncated"
            case .io: "I/O error"
            }
        }
    }

    public var code: Code
    public var message: String
    /// The spill file's path, as given to the writer or reader.
    public var path: String
    /// Byte offset of the bad part: the start of the block (or file header, or footer) that failed
    /// to validate, or where a system call failed. `nil` when no position applies (open failed).
    public var offset: Int?
    /// `errno` of the failed system call, for ``Code/io``.
    public var underlyingErrno: Int32?

    public init(
        _ code: Code, _ message: String, path: String, offset: Int?, underlyingErrno: Int32? = nil
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.offset = offset
        self.underlyingErrno = underlyingErrno
    }

    public var description: String {
        var text = "file \(path)"
        if let offset { text += " at byte offset \(offset)" }
        text += ": \(code): \(message)"
        if let underlyingErrno {
            text += " (errno \(underlyingErrno): \(String(cString: strerror(underlyingErrno))))"
        }
        return text
    }
}
