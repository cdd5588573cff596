/// Splits one CSV line into its fields as strings (RFC 4180 within a line).
///
/// A field may be quoted with '"', with '""' standing for one quote inside; a quoted field may hold
/// the delimiter. Line breaks inside quotes are not supported: the sources split lines first.
/// Fields must be valid UTF-8. With `expectedFieldCount`, a line with another count is rejected.
public struct CSVFieldsParser: LineRecordParser {
    /// The field separator, an ASCII byte (',' by default).
    public let delimiter: UInt8
    /// When set, lines with a different number of fields are errors.
    public let expectedFieldCount: Int?

    /// - Precondition: `delimiter` is ASCII and not '"'.
    public init(delimiter: Character = ",", expectedFieldCount: Int? = nil) {
        precondition(delimiter.isASCII && delimiter != "\"", "CSV delimiter must be ASCII and not '\"'")
        self.delimiter = delimiter.asciiValue!
        self.expectedFieldCount = expectedFieldCount
    }

    public func parse(_ line: ArraySlice<UInt8>) throws(RecordParseError) -> [String] {
        let quote = UInt8(ascii: "\"")
        var fields: [String] = []
        var position = line.startIndex
        let end = line.endIndex
        while true {
            let number = fields.count + 1
            if position < end && line[position] == quote {
                var bytes: [UInt8] = []
                position += 1
                while true {
                    guard position < end else {
                        throw RecordParseError(reason: "field \(number): unterminated quoted field")
                    }
                    let byte = line[position]
                    position += 1
                    if byte == quote {
                        if position < end && line[position] == quote {
                            position += 1
                        } else {
                            break
                        }
                    }
                    bytes.append(byte)
                }
                if position < end && line[position] != delimiter {
                    throw RecordParseError(reason: "field \(number): text after the closing quote")
                }
                fields.append(try Self.string(bytes[...], field: number))
            } else {
                let start = position
                while position < end && line[position] != delimiter { position += 1 }
                fields.append(try Self.string(line[start..<position], field: number))
            }
            if position >= end { break }
            position += 1  // the delimiter
        }
        if let expectedFieldCount, fields.count != expectedFieldCount {
            throw RecordParseError(reason: "expected \(expectedFieldCount) fields, found \(fields.count)")
        }
        return fields
    }

    private static func string(_ bytes: ArraySlice<UInt8>, field: Int) throws(RecordParseError) -> String {
        // ASCII is valid UTF-8: skip the (unspecialized, slower) validating initializer for it.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RecordParseError(reason: "field \(field): invalid UTF-8")
        }
        return text
    }
}
