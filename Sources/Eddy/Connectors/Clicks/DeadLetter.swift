/// An input record that could not be parsed, set aside instead of stopping the read.
///
/// Carries enough to find and fix the input: which file, which line, why, and the line itself.
public struct DeadLetter: Sendable, Hashable, CustomStringConvertible {
    /// Where the record came from (for files, the path).
    public var source: String
    /// 1-based line number within `source`.
    public var line: Int
    /// Why it was rejected, naming the field: "field 2 (item_id): not an integer: 'abc'".
    public var reason: String
    /// The line as read, without its line terminator.
    public var raw: String

    public init(source: String, line: Int, reason: String, raw: String) {
        self.source = source
        self.line = line
        self.reason = reason
        self.raw = raw
    }

    public var description: String { "\(source):\(line): \(reason)" }
}
