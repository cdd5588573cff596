/// How far a ``FileLineSourceReader`` subtask has read: the state a checkpoint stores and
/// `init(... startingAt:)` resumes from.
///
/// `byteOffset` is the start of the first line not yet handed on (emitted, dead-lettered or
/// skipped as blank), so a held-back partial line is read again on resume.
public struct FileLinePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Index of the file in the reader's `paths`.
    public var fileIndex: Int
    /// Bytes of that file fully consumed.
    public var byteOffset: Int
    /// Lines of that file consumed (blank ones included): the next line is number `line + 1`.
    public var line: Int

    public init(fileIndex: Int, byteOffset: Int, line: Int) {
        self.fileIndex = fileIndex
        self.byteOffset = byteOffset
        self.line = line
    }

    public var description: String { "file #\(fileIndex) at byte \(byteOffset), line \(line)" }
}
