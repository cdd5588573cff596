import EddyMemory
import EddyRuntime
import Foundation
import Testing

@testable import Eddy

/// Jobs reading click files with bad lines: good records on the main stream, dead letters on the
/// side output, at several parallelisms and with the consumers chained or not.
@Suite struct FileSourceJobTests {
    /// Two files, each with good lines and bad ones at known line numbers.
    struct Fixture {
        let directory: TemporaryDirectory
        let paths: [String]
        let good: [Click]
        /// (path, line, reason) of every bad line.
        let bad: [DeadLetterKey]

        init() throws {
            directory = try TemporaryDirectory()
            var paths: [String] = []
            var good: [Click] = []
            var bad: [DeadLetterKey] = []
            for file in 0..<2 {
                var lines: [String] = []
                let path = directory.file("clicks-\(file).csv")
                for i in 0..<500 {
                    let number = lines.count + 1
                    switch i % 97 {
                    case 13:
                        lines.append("\(i),x\(i),\(i)")
                        bad.append(DeadLetterKey(source: path, line: number, reason: "field 2 (item_id): not an integer: 'x\(i)'"))
                    case 50:
                        lines.append("\(i),\(i)")
                        bad.append(DeadLetterKey(source: path, line: number, reason: "expected 3 fields (user_id,item_id,ts_millis), found 2"))
                    default:
                        let click = Click(userID: Int64(file * 1000 + i), itemID: Int64(i % 17), timestampMillis: Int64(1_000 + i))
                        lines.append("\(click.userID),\(click.itemID),\(click.timestampMillis)")
                        good.append(click)
                    }
                }
                try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
                paths.append(path)
            }
            self.paths = paths
            self.good = good
            self.bad = bad
        }
    }

    /// What a test compares of a dead letter.
    struct DeadLetterKey: Hashable, Comparable {
        var source: String
        var line: Int
        var reason: String

        init(source: String, line: Int, reason: String) {
            self.source = source
            self.line = line
            self.reason = reason
        }

        init(_ letter: DeadLetter) { self.init(source: letter.source, line: letter.line, reason: letter.reason) }

        static func < (a: Self, b: Self) -> Bool { (a.source, a.line) < (b.source, b.line) }
    }

    @Test(arguments: [1, 2])
    func goodRecordsAndDeadLettersChainedMain(_ parallelism: Int) throws {
        let fixture = try Fixture()
        let memory = MemoryManager(budgetBytes: 32 << 20)
        let environment = StreamExecutionEnvironment(memory: memory)
        let clicks = environment.readClicks(fixture.paths, parallelism: parallelism)
        let good = CollectedResults<Click>()
        let bad = CollectedResults<DeadLetter>()
        clicks.collect(into: good, parallelism: parallelism)  // chains to the source
        clicks.sideOutput(DeadLetter.outputTag).collect(into: bad, parallelism: 1)
        let job = try environment.executeAsync("clicks-chained")
        #expect(job.waitForCompletion().isFinished)
        // Source → main sink chained; the side-output sink in a task of its own.
        #expect(job.tasks.count == parallelism + 1)
        #expect(good.values.sorted(by: Self.clickOrder) == fixture.good.sorted(by: Self.clickOrder))
        #expect(good.entries.allSatisfy { $0.timestamp == $0.value.timestampMillis })
        #expect(bad.values.map(DeadLetterKey.init).sorted() == fixture.bad.sorted())
        #expect(bad.finishedSubtasks == [0])
        #expect(memory.statistics.usedSegments == 0)
    }

    @Test(arguments: [1, 2])
    func goodRecordsAndDeadLettersThroughExchanges(_ parallelism: Int) throws {
        let fixture = try Fixture()
        let environment = StreamExecutionEnvironment()
        let clicks = environment.readClicks(fixture.paths, parallelism: parallelism)
        let good = CollectedResults<Int64>()
        let bad = CollectedResults<String>()
        clicks.rebalance().map { $0.userID }.setParallelism(3).collect(into: good, parallelism: 3)
        // The side output feeds an operator of another parallelism, then a sink chained to it.
        clicks.sideOutput(DeadLetter.outputTag).map { "\($0.line):\($0.raw)" }.setParallelism(2)
            .collect(into: bad, parallelism: 2)
        try environment.execute("clicks-exchanges")
        #expect(good.values.sorted() == fixture.good.map(\.userID).sorted())
        let expected = fixture.bad.map { key in
            let raw = try! String(contentsOfFile: key.source, encoding: .utf8).split(separator: "\n")[key.line - 1]
            return "\(key.line):\(raw)"
        }
        #expect(bad.values.sorted() == expected.sorted())
    }

    @Test func aSideOutputOfAChainedOperatorIsRouted() throws {
        // The source's main output is chained into a map, which forwards side outputs of its input
        // to its own downstream: the dead letters must reach the source's side-output edge only,
        // not the map's side output of the same tag.
        let fixture = try Fixture()
        let environment = StreamExecutionEnvironment()
        let clicks = environment.readClicks(fixture.paths, parallelism: 2)
        let good = CollectedResults<Int64>()
        let bad = CollectedResults<DeadLetter>()
        let mapped = clicks.map { $0.itemID }
        mapped.collect(into: good, parallelism: 2)
        clicks.sideOutput(DeadLetter.outputTag).collect(into: bad)
        // The map's own side output (nothing is emitted to it) must stay empty.
        let mapSide = CollectedResults<DeadLetter>()
        mapped.sideOutput(DeadLetter.outputTag).collect(into: mapSide)
        try environment.execute("side-through-chain")
        #expect(good.values.count == fixture.good.count)
        #expect(bad.values.count == fixture.bad.count)
        #expect(mapSide.values.isEmpty)
    }

    @Test func deadLettersAreCountedInTheSourceMetrics() throws {
        let metrics = OperatorMetrics(operatorID: "1-clicks", subtaskIndex: 0)
        var records: [Int] = []
        var side: [String] = []
        let output = Output<Int>(record: { value, _ in records.append(value) }, sideOutput: { tag, _, _ in side.append(tag) })
            .countingSourceMetrics(metrics)
        try output.record(1, nil)
        try output.sideOutput(DeadLetter.tagName, DeadLetter(source: "f", line: 1, reason: "r", raw: "x"), nil)
        try output.sideOutput("late", 7, nil)
        #expect(records == [1] && side == [DeadLetter.tagName, "late"])
        #expect(metrics.recordsOut.value == 1)
        #expect(metrics.deadLetters.value == 1)
    }

    @Test func textLinesAndCSVFieldsRecords() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("a,b\n\n\"x,y\",z\r\nbad\"q\n", to: "lines.csv")
        let environment = StreamExecutionEnvironment()
        let lines = CollectedResults<String>()
        let rows = CollectedResults<[String]>()
        let bad = CollectedResults<DeadLetter>()
        environment.readTextLines([path]).collect(into: lines)
        let csv = environment.readCSV([path], expectedFieldCount: 2)
        csv.collect(into: rows)
        csv.sideOutput(DeadLetter.outputTag).collect(into: bad)
        try environment.execute("text-and-csv")
        #expect(lines.values == ["a,b", "\"x,y\",z", "bad\"q"])
        #expect(rows.values == [["a", "b"], ["x,y", "z"]])
        #expect(bad.values.map(\.line) == [4])
        #expect(bad.values.first?.reason == "expected 2 fields, found 1")
    }

    static func clickOrder(_ a: Click, _ b: Click) -> Bool {
        (a.userID, a.itemID, a.timestampMillis) < (b.userID, b.itemID, b.timestampMillis)
    }
}

extension JobStatus {
    var isFinished: Bool {
        if case .finished = self { return true }
        return false
    }
}
