/// Counts from reading one clicks CSV file.
public struct ClickReadStats: Sendable, Hashable {
    /// Clicks parsed and passed on.
    public var records = 0
    /// Malformed lines set aside as dead letters.
    public var deadLetters = 0
    /// Empty lines skipped silently.
    public var blankLines = 0
    /// Bytes read from the file.
    public var bytes = 0

    public init() {}
}
