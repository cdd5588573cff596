/// Turns one line of text into a record, for the line-based sources (``FileLineSourceReader``).
///
/// The line comes as bytes without its terminator ('\n' and a '\r' before it are removed), never
/// empty (blank lines are skipped before parsing). A parser throws ``RecordParseError`` for a bad
/// line; the source turns it into a ``DeadLetter`` and goes on.
///
/// Thread-safety: a parser is used by one reader on its task thread; it need not be thread-safe.
public protocol LineRecordParser<Record> {
    associatedtype Record
    /// Parses `line`, whose indices are those of the buffer it was cut from (not from 0).
    /// - Throws: ``RecordParseError`` whose reason names the failing field.
    func parse(_ line: ArraySlice<UInt8>) throws(RecordParseError) -> Record
}

/// A parser made from a closure, for one-off formats.
public struct ClosureLineRecordParser<Record>: LineRecordParser {
    private let body: (ArraySlice<UInt8>) throws(RecordParseError) -> Record

    public init(_ body: @escaping (ArraySlice<UInt8>) throws(RecordParseError) -> Record) {
        self.body = body
    }

    @inline(__always)
    public func parse(_ line: ArraySlice<UInt8>) throws(RecordParseError) -> Record {
        try body(line)
    }
}
