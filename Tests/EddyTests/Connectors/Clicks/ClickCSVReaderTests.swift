import Foundation
import Testing

@testable import Eddy

@Suite struct ClickCSVReaderTests {
    /// Good and bad lines mixed; CRLF endings, a blank line, and no newline at the end.
    static let mixed = [
        "1,2,3",  // 1 good
        "4,5",  // 2 missing field
        "6,7,8,9",  // 3 extra field
        "10,abc,12",  // 4 letters
        "13,14,99999999999999999999",  // 5 overflow
        "15,,17",  // 6 empty field
        "18,19,20\r",  // 7 good, CRLF
        "",  // 8 blank: skipped silently
        "-21,22,-23\r",  // 9 good, negative
        "-,1,2",  // 10 lone sign
        "24,25,26",  // 11 good, last line without newline
    ].joined(separator: "\n")

    @Test(arguments: [1, 3, 7, 1 << 20])
    func mixedFileYieldsGoodRecordsAndDeadLetters(chunkSize: Int) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.mixed, to: "mixed.csv")
        let (clicks, deadLetters, stats) = try ClickCSVReader(path: path, chunkSize: chunkSize).readAll()

        #expect(clicks == [
            Click(userID: 1, itemID: 2, timestampMillis: 3),
            Click(userID: 18, itemID: 19, timestampMillis: 20),
            Click(userID: -21, itemID: 22, timestampMillis: -23),
            Click(userID: 24, itemID: 25, timestampMillis: 26),
        ])
        let expected: [(line: Int, reason: String, raw: String)] = [
            (2, "expected 3 fields (user_id,item_id,ts_millis), found 2", "4,5"),
            (3, "expected 3 fields (user_id,item_id,ts_millis), found 4", "6,7,8,9"),
            (4, "field 2 (item_id): not an integer: 'abc'", "10,abc,12"),
            (5, "field 3 (ts_millis): out of range for Int64: '99999999999999999999'", "13,14,99999999999999999999"),
            (6, "field 2 (item_id): empty", "15,,17"),
            (10, "field 1 (user_id): not an integer: '-'", "-,1,2"),
        ]
        #expect(deadLetters.count == expected.count)
        for (letter, want) in zip(deadLetters, expected) {
            #expect(letter.source == path)
            #expect(letter.line == want.line)
            #expect(letter.reason == want.reason)
            #expect(letter.raw == want.raw)
        }
        #expect(stats.records == 4 && stats.deadLetters == 6 && stats.blankLines == 1)
        #expect(stats.bytes == Self.mixed.utf8.count)
    }

    @Test func int64BoundsParseAndOneBeyondOverflows() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "9223372036854775807,-9223372036854775808,0\n9223372036854775808,0,0\n0,-9223372036854775809,0\n",
            to: "bounds.csv")
        let (clicks, deadLetters, _) = try ClickCSVReader(path: path).readAll()
        #expect(clicks == [Click(userID: .max, itemID: .min, timestampMillis: 0)])
        #expect(deadLetters.map(\.reason) == [
            "field 1 (user_id): out of range for Int64: '9223372036854775808'",
            "field 2 (item_id): out of range for Int64: '-9223372036854775809'",
        ])
    }

    @Test func emptyFileAndBlankLinesOnly() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.write("", to: "empty.csv")
        #expect(try ClickCSVReader(path: empty).readAll().stats == ClickReadStats())
        let blanks = try directory.write("\n\r\n\n", to: "blanks.csv")
        let (clicks, deadLetters, stats) = try ClickCSVReader(path: blanks).readAll()
        #expect(clicks.isEmpty && deadLetters.isEmpty && stats.blankLines == 3)
    }

    @Test func missingFileThrowsNamingPath() {
        let path = "/nonexistent-eddy-dir/missing.csv"
        #expect {
            _ = try ClickCSVReader(path: path).readAll()
        } throws: { error in
            guard let error = error as? ClickFileError else { return false }
            return error.path == path && error.description.contains(path)
        }
    }

    @Test func errorFromBodyStopsTheRead() throws {
        struct Stop: Error {}
        let directory = try TemporaryDirectory()
        let path = try directory.write("1,1,1\n2,2,2\n3,3,3\n", to: "stop.csv")
        var seen = 0
        #expect(throws: Stop.self) {
            try ClickCSVReader(path: path).forEach({ _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }, deadLetter: { _ in })
        }
        #expect(seen == 2)
    }
}
