import EddyRuntime

/// Progress of one poll through the lines of a ``LineBuffer``.
struct LineScan {
    /// Lines consumed in the current file, blank ones included.
    var lineNumber: Int
    /// Records and dead letters sent (what the poll budget bounds).
    var emitted = 0
    /// Records sent.
    var produced: Int64 = 0
}

/// Handles complete lines of a buffer until the budget is used or the buffer needs a refill; calls
/// its last argument with (line, reason, line number) for each line the parser rejects.
typealias LineScanner<Record> = (
    inout LineBuffer, inout LineScan, _ budget: Int, Output<Record>,
    _ deadLetter: (ArraySlice<UInt8>, String, Int) throws -> Void
) throws -> Void

/// The per-record loop of ``FileLineSourceReader``, built where the parser's type is known, so the
/// parser is specialized and inlined into the loop: one closure call per chunk, not per line.
func makeLineScanner<Parser: LineRecordParser>(
    _ parser: Parser, timestamp: ((Parser.Record) -> Int64?)?
) -> LineScanner<Parser.Record> {
    { lines, scan, budget, output, deadLetter in
        while scan.emitted < budget, let line = lines.nextLine() {
            scan.lineNumber += 1
            if line.isEmpty { continue }
            scan.emitted += 1
            let value: Parser.Record
            do throws(RecordParseError) {
                value = try parser.parse(line)
            } catch {
                try deadLetter(line, error.reason, scan.lineNumber)
                continue
            }
            scan.produced += 1
            try output.record(value, timestamp?(value))
        }
    }
}
