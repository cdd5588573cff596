/// Whether a file source ends at the end of its files or keeps watching them grow.
public enum FileReadMode: Sendable, Hashable {
    /// Read to the end and finish (`.endOfInput`). A last line without '\n' is a line.
    case bounded
    /// Like `tail -f`: at the end of the file report `.nothingAvailable` and pick up appended data
    /// later, re-reading the file at most once per `pollInterval`. A last line without '\n' is held
    /// back until its '\n' arrives. Never ends.
    case following(pollInterval: Duration)
}
