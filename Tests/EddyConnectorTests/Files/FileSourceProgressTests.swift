import Eddy
import EddyRuntime
import Testing

@Suite struct FileSourceProgressTests {
    func files(_ directory: TemporaryDirectory) throws -> [String] {
        try (0..<3).map { file in
            try directory.write(
                (1...20).map { "\(file * 100 + $0),1,\($0)\n" }.joined(), to: "clicks-\(file).csv")
        }
    }

    @Test func resumesEveryFileExactlyOnceWithAnotherParallelism() throws {
        let directory = try TemporaryDirectory()
        let paths = try files(directory)
        var all: [Int64] = []
        var states: [[UInt8]] = []
        // Two subtasks read part of the way, then three, then one reads to the end.
        for (parallelism, polls) in [(2, 3), (3, 2), (1, 1_000)] {
            var next: [[UInt8]] = []
            for subtask in 0..<parallelism {
                let reader = FileLineSourceReader(paths: paths, parser: ClickCSVRecordParser(), chunkSize: 7)
                try reader.restoreProgress(states)
                let capture = CapturingOutput<Click>()
                try reader.open(subtaskIndex: subtask, parallelism: parallelism)
                for _ in 0..<polls where try reader.poll(into: capture.output, budget: 5) != .endOfInput {}
                all += capture.records.map(\.userID)
                next.append(reader.progress().encoded())
                reader.close()
            }
            states = next
        }
        let expected = (0..<3).flatMap { file in (1...20).map { Int64(file * 100 + $0) } }
        #expect(all.sorted() == expected)
    }

    @Test func corruptProgressIsRefused() throws {
        #expect(throws: ConnectorError.self) { try FileSourceProgress(merging: [[9, 9, 9, 9, 1]], source: "x") }
    }
}
