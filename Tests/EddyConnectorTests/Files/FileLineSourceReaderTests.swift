import EddyRuntime
import Foundation
import Testing

@testable import Eddy

@Suite struct FileLineSourceReaderTests {
    /// Good and bad click lines; CRLF endings, blank lines, and no newline at the end.
    static let mixed = [
        "1,2,3",  // 1 good
        "4,5",  // 2 missing field
        "10,abc,12",  // 3 letters
        "",  // 4 blank
        "18,19,20\r",  // 5 good, CRLF
        "13,14,99999999999999999999",  // 6 overflow
        "\r",  // 7 blank (CRLF)
        "-21,22,-23",  // 8 good
        "24,25,26",  // 9 good, no newline
    ].joined(separator: "\n")

    static let mixedClicks = [
        Click(userID: 1, itemID: 2, timestampMillis: 3),
        Click(userID: 18, itemID: 19, timestampMillis: 20),
        Click(userID: -21, itemID: 22, timestampMillis: -23),
        Click(userID: 24, itemID: 25, timestampMillis: 26),
    ]

    @Test(arguments: [1, 3, 7, 1 << 20])
    func boundedFileYieldsRecordsAndDeadLetters(chunkSize: Int) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.mixed, to: "clicks.csv")
        let reader = FileLineSourceReader(
            path: path, parser: ClickCSVRecordParser(), chunkSize: chunkSize, timestamp: { $0.timestampMillis })
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<Click>()
        let statuses = try reader.drain(into: capture.output)

        #expect(statuses.last == .endOfInput)
        #expect(capture.records == Self.mixedClicks)
        #expect(capture.timestamps == [3, 20, -23, 26])
        #expect(capture.deadLetters == [
            DeadLetter(source: path, line: 2, reason: "expected 3 fields (user_id,item_id,ts_millis), found 2", raw: "4,5"),
            DeadLetter(source: path, line: 3, reason: "field 2 (item_id): not an integer: 'abc'", raw: "10,abc,12"),
            DeadLetter(
                source: path, line: 6, reason: "field 3 (ts_millis): out of range for Int64: '99999999999999999999'",
                raw: "13,14,99999999999999999999"),
        ])
        #expect(reader.records.value == 4)
        #expect(reader.deadLetters.value == 3)
        #expect(capture.otherSideOutputs.isEmpty)
    }

    @Test func pollEmitsAtMostBudgetRecords() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write((1...10).map { "\($0),0,0\n" }.joined(), to: "ten.csv")
        let reader = FileLineSourceReader(path: path, parser: ClickCSVRecordParser())
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<Click>()
        var sizes: [Int] = []
        var statuses: [SourceStatus] = []
        while statuses.last != .endOfInput {
            let before = capture.records.count
            statuses.append(try reader.poll(into: capture.output, budget: 3))
            sizes.append(capture.records.count - before)
        }
        #expect(sizes == [3, 3, 3, 1])
        #expect(statuses == [.moreAvailable, .moreAvailable, .moreAvailable, .endOfInput])
        #expect(capture.records.map(\.userID) == Array(1...10))
    }

    @Test(arguments: [1, 2, 5, 1 << 20])
    func resumesFromAPosition(chunkSize: Int) throws {
        let directory = try TemporaryDirectory()
        func line(_ number: Int) -> String {
            number == 7 ? "bad\r\n" : number == 9 ? "\n" : "\(number),\(number),\(number)\r\n"
        }
        let text = (1...20).map(line).joined()
        let path = try directory.write(text, to: "twenty.csv")

        let first = FileLineSourceReader(path: path, parser: ClickCSVRecordParser(), chunkSize: chunkSize)
        try first.open(subtaskIndex: 0, parallelism: 1)
        let before = CapturingOutput<Click>()
        _ = try first.poll(into: before.output, budget: 8)  // 1...6, bad 7, 8
        let position = first.position
        first.close()
        #expect(before.records.map(\.userID) == [1, 2, 3, 4, 5, 6, 8])
        #expect(position == FileLinePosition(fileIndex: 0, byteOffset: (1...8).map(line).joined().utf8.count, line: 8))

        let second = FileLineSourceReader(
            path: path, parser: ClickCSVRecordParser(), chunkSize: chunkSize, startingAt: position)
        try second.open(subtaskIndex: 0, parallelism: 1)
        let after = CapturingOutput<Click>()
        try second.drain(into: after.output)
        #expect(after.records.map(\.userID) == Array(10...20))
        #expect(after.deadLetters.isEmpty)
        #expect(second.position == FileLinePosition(fileIndex: 0, byteOffset: text.utf8.count, line: 20))
    }

    @Test func subtasksShareFilesRoundRobin() throws {
        let directory = try TemporaryDirectory()
        let paths = try (0..<3).map { file in
            try directory.write((0..<4).map { "\(file),\($0),0\n" }.joined(), to: "part-\(file).csv")
        }
        var bySubtask: [[Int64]] = []
        for subtask in 0..<2 {
            let reader = FileLineSourceReader(paths: paths, parser: ClickCSVRecordParser())
            try reader.open(subtaskIndex: subtask, parallelism: 2)
            let capture = CapturingOutput<Click>()
            try reader.drain(into: capture.output)
            bySubtask.append(capture.records.map(\.userID))
        }
        #expect(bySubtask == [[0, 0, 0, 0, 2, 2, 2, 2], [1, 1, 1, 1]])
    }

    @Test func oneFileIsReadBySubtaskZeroOnly() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("1,2,3\n", to: "one.csv")
        let idle = FileLineSourceReader(path: path, parser: ClickCSVRecordParser())
        try idle.open(subtaskIndex: 1, parallelism: 2)
        let capture = CapturingOutput<Click>()
        #expect(try idle.poll(into: capture.output, budget: 10) == .endOfInput)
        #expect(capture.records.isEmpty)
    }

    @Test func positionOfAnotherSubtaskIsRejected() throws {
        let directory = try TemporaryDirectory()
        let paths = try (0..<2).map { try directory.write("1,2,3\n", to: "f\($0).csv") }
        let reader = FileLineSourceReader(
            paths: paths, parser: ClickCSVRecordParser(),
            startingAt: FileLinePosition(fileIndex: 1, byteOffset: 0, line: 0))
        let error = #expect(throws: ConnectorError.self) { try reader.open(subtaskIndex: 0, parallelism: 2) }
        #expect(error?.code == .invalidPosition)
        #expect(error?.location == paths[1])
    }

    @Test func missingFileErrorNamesThePath() throws {
        let reader = FileLineSourceReader(path: "/nonexistent/clicks.csv", parser: ClickCSVRecordParser())
        let error = #expect(throws: ClickFileError.self) { try reader.open(subtaskIndex: 0, parallelism: 1) }
        #expect(error?.path == "/nonexistent/clicks.csv")
        #expect(error?.description.contains("/nonexistent/clicks.csv") == true)
    }

    @Test func closureParserAndGenericCSVFields() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("a,\"b,c\",d\nx,\"unterminated\n", to: "fields.csv")
        let reader = FileLineSourceReader(path: path, parser: CSVFieldsParser(expectedFieldCount: 3))
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<[String]>()
        try reader.drain(into: capture.output)
        #expect(capture.records == [["a", "b,c", "d"]])
        #expect(capture.deadLetters.map(\.reason) == ["field 2: unterminated quoted field"])
        #expect(capture.deadLetters.map(\.line) == [2])

        let lengths = FileLineSourceReader(
            path: path,
            parser: ClosureLineRecordParser { (line) throws(RecordParseError) -> Int in line.count })
        try lengths.open(subtaskIndex: 0, parallelism: 1)
        let counted = CapturingOutput<Int>()
        try lengths.drain(into: counted.output)
        #expect(counted.records == [9, 15])
    }
}
