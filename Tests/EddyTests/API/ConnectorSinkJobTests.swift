import Eddy
import EddyCore
import EddyRuntime
import Foundation
import Testing

/// Jobs writing with the connector sinks; the files are read back.
@Suite struct ConnectorSinkJobTests {
    struct Row: Codable, Equatable, Sendable, StreamSerializable {
        var id: Int64
        var name: String
    }

    static let rows = (0..<300).map { Row(id: Int64($0), name: $0 % 7 == 0 ? "a,\"quoted\" \($0)" : "n\($0)") }

    /// The lines of `path`, or of `path-0`, `path-1`, … when written by several subtasks.
    static func lines(_ path: String, parallelism: Int) throws -> [String] {
        let files = parallelism == 1 ? [path] : (0..<parallelism).map { "\(path)-\($0)" }
        return try files.flatMap { file in
            try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast().map(String.init)  // the text ends with '\n'
        }
    }

    @Test(arguments: [1, 2])
    func writeCSVWithFieldsReadsBackThroughTheCSVSource(_ parallelism: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("rows.csv")
        let environment = StreamExecutionEnvironment()
        environment.fromCollection(Self.rows, parallelism: parallelism)
            .writeCSV(path, header: ["id", "name"], parallelism: parallelism) { ["\($0.id)", $0.name] }
        try environment.execute("write-csv")
        let written = try Self.lines(path, parallelism: parallelism)
        #expect(written.filter { $0 == "id,name" }.count == parallelism)

        let files = parallelism == 1 ? [path] : (0..<parallelism).map { "\(path)-\($0)" }
        let reader = StreamExecutionEnvironment()
        let back = CollectedResults<[String]>()
        reader.readCSV(files, expectedFieldCount: 2).filter { $0 != ["id", "name"] }.collect(into: back)
        try reader.execute("read-csv")
        let parsed = back.values.map { Row(id: Int64($0[0])!, name: $0[1]) }
        #expect(parsed.sorted { $0.id < $1.id } == Self.rows)
    }

    @Test func writeCSVWithRows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ids.csv")
        let environment = StreamExecutionEnvironment()
        environment.fromCollection(Self.rows).writeCSV(path) { "\($0.id);\($0.name.count)" }
        try environment.execute("write-csv-rows")
        #expect(try Self.lines(path, parallelism: 1) == Self.rows.map { "\($0.id);\($0.name.count)" })
        #expect(!FileManager.default.fileExists(atPath: path + ".inprogress"))
    }

    @Test(arguments: [1, 2])
    func writeJSONLinesReadsBackThroughTheJSONSource(_ parallelism: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("rows.jsonl")
        let environment = StreamExecutionEnvironment()
        environment.fromCollection(Self.rows, parallelism: parallelism).writeJSONLines(path, parallelism: parallelism)
        try environment.execute("write-json")
        let written = try Self.lines(path, parallelism: parallelism)
        #expect(written.count == Self.rows.count)
        #expect(written.contains(#"{"id":0,"name":"a,\"quoted\" 0"}"#))

        let files = parallelism == 1 ? [path] : (0..<parallelism).map { "\(path)-\($0)" }
        let reader = StreamExecutionEnvironment()
        let back = CollectedResults<Row>()
        reader.readJSONLines(files, as: Row.self, parallelism: parallelism).collect(into: back)
        try reader.execute("read-json")
        #expect(back.values.sorted { $0.id < $1.id } == Self.rows)
    }

    @Test func printPrefixesLinesAsFlinkDoes() throws {
        let environment = StreamExecutionEnvironment()
        let printed = Collected<String>()
        environment.fromCollection([Int64(1), 2, 3, 4], parallelism: 2)
            .print(prefix: "out", parallelism: 2) { printed.append($0, nil, 0) }
        try environment.execute("print")
        #expect(printed.values.sorted() == ["out:1> 1", "out:1> 3", "out:2> 2", "out:2> 4"])
    }
}
