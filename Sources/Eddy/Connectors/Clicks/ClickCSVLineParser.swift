/// Parses one `user_id,item_id,ts_millis` line from bytes, without building strings on success.
///
/// Separate from the reader so chunking and parsing can be reasoned about (and tested) apart.
enum ClickCSVLineParser {
    /// What one line holds.
    enum Line {
        case click(Click)
        /// Empty (or only a '\r'): skipped silently, not an error.
        case blank
        /// Malformed; the reason names the field.
        case malformed(reason: String)
    }

    /// Column names for reasons, in file order.
    static let fieldNames = ["user_id", "item_id", "ts_millis"]

    /// Why a field failed, recorded during the scan and turned into text only for bad lines.
    enum FieldProblem {
        case empty, notAnInteger, outOfRange
    }

    /// Parses `bytes[start..<end]`, a line without its '\n' (a trailing '\r' is dropped here).
    ///
    /// Generic so the reader's `[UInt8]` chunks and the file source's `ArraySlice<UInt8>` lines share
    /// one scan; `start` and `lineEnd` are indices of `bytes`.
    @inline(__always)
    static func parse<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, from start: Int, to lineEnd: Int
    ) -> Line where Bytes.Index == Int {
        var end = lineEnd
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        if end == start { return .blank }

        var values: (Int64, Int64, Int64) = (0, 0, 0)
        var fields = 0
        var firstProblem: (field: Int, problem: FieldProblem, start: Int, end: Int)?
        var position = start
        // Scan every field, even past a problem, so a wrong field count is reported over a bad value.
        while true {
            let fieldStart = position
            var negative = false
            if position < end && bytes[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            let digitsStart = position
            var magnitude: UInt64 = 0
            var problem: FieldProblem?
            while position < end {
                let byte = bytes[position]
                if byte == UInt8(ascii: ",") { break }
                let digit = byte &- UInt8(ascii: "0")
                if digit > 9 {
                    problem = .notAnInteger
                } else if problem == nil {
                    let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                    if overflow1 || overflow2 { problem = .outOfRange }
                    magnitude = sum
                }
                position += 1
            }
            if position == digitsStart && problem == nil { problem = negative ? .notAnInteger : .empty }
            var value: Int64 = 0
            if problem == nil {
                // Int64.min's magnitude is one past Int64.max, so check the bound per sign.
                let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
                if magnitude > limit {
                    problem = .outOfRange
                } else {
                    value = negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
                }
            }
            if let problem, firstProblem == nil { firstProblem = (fields, problem, fieldStart, position) }
            switch fields {
            case 0: values.0 = value
            case 1: values.1 = value
            case 2: values.2 = value
            default: break
            }
            fields += 1
            if position >= end { break }
            position += 1  // the comma
        }

        if fields != 3 { return .malformed(reason: "expected 3 fields (user_id,item_id,ts_millis), found \(fields)") }
        if let (field, problem, fieldStart, fieldEnd) = firstProblem {
            let text = String(decoding: bytes[fieldStart..<fieldEnd], as: UTF8.self)
            let name = "field \(field + 1) (\(fieldNames[field]))"
            switch problem {
            case .empty: return .malformed(reason: "\(name): empty")
            case .notAnInteger: return .malformed(reason: "\(name): not an integer: '\(text)'")
            case .outOfRange: return .malformed(reason: "\(name): out of range for Int64: '\(text)'")
            }
        }
        return .click(Click(userID: values.0, itemID: values.1, timestampMillis: values.2))
    }
}
