/// Parses headerless `user_id,item_id,ts_millis` lines into ``Click``s, straight from the bytes
/// (no `String` for a good line): the scan of ``ClickCSVReader``, shared.
public struct ClickCSVRecordParser: LineRecordParser {
    public init() {}

    @inline(__always)
    public func parse(_ line: ArraySlice<UInt8>) throws(RecordParseError) -> Click {
        switch ClickCSVLineParser.parse(line, from: line.startIndex, to: line.endIndex) {
        case .click(let click): return click
        case .malformed(let reason): throw RecordParseError(reason: reason)
        // Only a line that is empty or a lone '\r'; the sources skip those before parsing.
        case .blank: throw RecordParseError(reason: "expected 3 fields (user_id,item_id,ts_millis), found 0")
        }
    }
}
