import EddyRuntime
import Foundation
import Testing

@testable import Eddy

@Suite struct FileSinkWriterTests {
    struct Row: Codable, Equatable {
        var id: Int
        var name: String
    }

    @Test func csvSinkCommitsOnFinishOnly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.csv")
        let sink = CSVFileSinkWriter<Row>(path: path, header: ["id", "name"], bufferCapacity: 8) {
            [String($0.id), $0.name]
        }
        try sink.open(subtaskIndex: 0, parallelism: 1)
        try sink.write(Row(id: 1, name: "plain"), timestamp: nil)
        try sink.write(Row(id: 2, name: "with, comma"), timestamp: 5)
        try sink.write(Row(id: 3, name: "say \"hi\""), timestamp: nil)
        // Written through the small buffer, but not visible yet.
        #expect(!directory.exists(path))
        #expect(directory.exists(path + ".inprogress"))

        try sink.finish()
        sink.close()
        #expect(try directory.listing() == ["out.csv"])
        #expect(try directory.contents(path) == "id,name\n1,plain\n2,\"with, comma\"\n3,\"say \"\"hi\"\"\"\n")
        #expect(sink.recordsWritten == 3)
        #expect(sink.path == path)

        // What it wrote reads back through the file source.
        let reader = FileLineSourceReader(path: path, parser: CSVFieldsParser(expectedFieldCount: 2))
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<[String]>()
        try reader.drain(into: capture.output)
        #expect(capture.records == [["id", "name"], ["1", "plain"], ["2", "with, comma"], ["3", "say \"hi\""]])
    }

    @Test func csvSinkWithRowFormatterWritesOneFilePerSubtask() throws {
        let directory = try TemporaryDirectory()
        let base = directory.file("clicks.csv")
        for subtask in 0..<2 {
            let sink = CSVFileSinkWriter<Click>(path: base) { "\($0.userID),\($0.itemID),\($0.timestampMillis)" }
            try sink.open(subtaskIndex: subtask, parallelism: 2)
            try sink.write(Click(userID: Int64(subtask), itemID: 7, timestampMillis: 8), timestamp: 8)
            try sink.finish()
        }
        #expect(try directory.listing() == ["clicks.csv-0", "clicks.csv-1"])
        #expect(try directory.contents(base + "-1") == "1,7,8\n")
    }

    @Test func closeWithoutFinishLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("abandoned.csv")
        let sink = CSVFileSinkWriter<Int>(path: path) { String($0) }
        try sink.open(subtaskIndex: 0, parallelism: 1)
        try sink.write(1, timestamp: nil)
        sink.close()
        #expect(try directory.listing() == [])
    }

    @Test func jsonLinesSinkCommitsOnFinish() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("rows.jsonl")
        let sink = JSONLinesFileSinkWriter<Row>(path: path)
        try sink.open(subtaskIndex: 0, parallelism: 1)
        let rows = [Row(id: 1, name: "a/b"), Row(id: 2, name: "line\nbreak")]
        for row in rows { try sink.write(row, timestamp: nil) }
        #expect(!directory.exists(path))
        try sink.finish()
        #expect(try directory.listing() == ["rows.jsonl"])
        #expect(try directory.contents(path) == "{\"id\":1,\"name\":\"a/b\"}\n{\"id\":2,\"name\":\"line\\nbreak\"}\n")

        let reader = FileLineSourceReader(path: path, parser: JSONLinesParser<Row>())
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<Row>()
        try reader.drain(into: capture.output)
        #expect(capture.records == rows)
    }

    @Test func jsonLinesSinkNamesSubtaskFiles() throws {
        let directory = try TemporaryDirectory()
        let sink = JSONLinesFileSinkWriter<Row>(path: directory.file("p.jsonl"))
        try sink.open(subtaskIndex: 2, parallelism: 3)
        try sink.finish()
        #expect(try directory.listing() == ["p.jsonl-2"])
        #expect(try directory.contents(directory.file("p.jsonl-2")) == "")
    }

    @Test func openFailureNamesThePath() throws {
        let sink = CSVFileSinkWriter<Int>(path: "/nonexistent/dir/out.csv") { String($0) }
        let error = #expect(throws: ClickFileError.self) { try sink.open(subtaskIndex: 0, parallelism: 1) }
        #expect(error?.path == "/nonexistent/dir/out.csv.inprogress")
    }
}
