/// CSV output rules (RFC 4180): fields joined with ',', a field quoted when it holds ',', '"',
/// '\r' or '\n', with '"' doubled inside quotes. What ``CSVFieldsParser`` reads back.
enum CSVFormat {
    static func row(_ fields: [String]) -> String {
        var row = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { row += "," }
            row += escaped(field)
        }
        return row
    }

    static func escaped(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field.unicodeScalars {
            if character == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(character) }
        }
        return quoted + "\""
    }
}
