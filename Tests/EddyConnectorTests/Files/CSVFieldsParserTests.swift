import Testing

@testable import Eddy

@Suite struct CSVFieldsParserTests {
    func parse(_ text: String, _ parser: CSVFieldsParser = CSVFieldsParser()) throws(RecordParseError) -> [String] {
        try parser.parse(Array(text.utf8)[...])
    }

    @Test func splitsPlainAndQuotedFields() throws {
        #expect(try parse("a,b,c") == ["a", "b", "c"])
        #expect(try parse("a,,") == ["a", "", ""])
        #expect(try parse("\"x,y\",\"say \"\"hi\"\"\",z") == ["x,y", "say \"hi\"", "z"])
        #expect(try parse("\"\"") == [""])
        #expect(try parse("a;b", CSVFieldsParser(delimiter: ";")) == ["a", "b"])
        #expect(try parse("größe,ü") == ["größe", "ü"])
    }

    @Test func rejectsMalformedLinesNamingTheField() throws {
        #expect(throws: RecordParseError(reason: "field 2: unterminated quoted field")) { try parse("a,\"b") }
        #expect(throws: RecordParseError(reason: "field 1: text after the closing quote")) { try parse("\"a\"b,c") }
        #expect(throws: RecordParseError(reason: "expected 2 fields, found 3")) {
            try parse("a,b,c", CSVFieldsParser(expectedFieldCount: 2))
        }
        #expect(throws: RecordParseError(reason: "field 2: invalid UTF-8")) {
            try CSVFieldsParser().parse([UInt8(ascii: "a"), UInt8(ascii: ","), 0xFF][...])
        }
    }

    @Test func readsBackWhatTheCSVFormatWrites() throws {
        let fields = ["plain", "with,comma", "with \"quote\"", "", "line\nbreak"]
        let row = CSVFormat.row(Array(fields.dropLast()))
        #expect(try parse(row) == Array(fields.dropLast()))
        #expect(CSVFormat.escaped("line\nbreak") == "\"line\nbreak\"")
    }
}
