import Eddy
import EddyStateRocksDB
import Foundation
import Testing

@Suite struct KeyedCountJobTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-keyed-count-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The job's counts equal a plain Swift count over the same generated clicks; malformed lines go
    /// to the dead-letter file; the local checkpoint holds the state; the working directory is gone.
    @Test func countsEqualAReferenceComputationAndBadLinesAreDeadLettered() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = ClickGeneratorOptions(events: 20_000, users: 700, items: 50, eventsPerSecond: 1000, seed: 7)
        let input = directory + "/clicks.csv"
        try ClickCSVWriter.writeGenerated(options, to: input)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("12,abc,5\nonly-one-field\n".utf8))
        try handle.close()

        var job = KeyedCountJob(
            input: input, output: directory + "/counts.csv", stateDirectory: directory + "/state",
            checkpointDirectory: directory + "/checkpoints")
        job.jobID = "test-job"
        let result = try job.run()

        var expected: [Int64: Int64] = [:]
        for click in ClickGenerator(options: options) { expected[click.userID, default: 0] += 1 }
        let rows = try String(contentsOfFile: directory + "/counts.csv", encoding: .utf8).split(separator: "\n")
        var actual: [Int64: Int64] = [:]
        for row in rows {
            let fields = row.split(separator: ",")
            #expect(fields.count == 2)
            actual[Int64(fields[0])!] = Int64(fields[1])!
        }
        #expect(actual == expected)
        #expect(result.records == 20_000)
        #expect(result.users == expected.count)
        #expect(result.deadLetters == 2)

        let deadLetters = try String(contentsOfFile: directory + "/counts.csv.dead-letters", encoding: .utf8)
            .split(separator: "\n")
        #expect(deadLetters.count == 2)
        #expect(deadLetters[0].contains(":20001: field 2 (item_id)"))
        #expect(deadLetters[1].contains(":20002: expected 3 fields"))

        // The checkpoint is a complete RocksDB database with every user's count.
        let checkpoint = directory + "/checkpoints/test-job/chk-1"
        #expect(result.checkpointPath == checkpoint)
        #expect(FileManager.default.fileExists(atPath: checkpoint + "/_metadata"))
        let restored = try RocksDB.open(path: checkpoint + "/rocksdb", columnFamilies: ["counts"])
        defer { restored.close() }
        let iterator = restored.makeIterator(in: restored.columnFamily(named: "counts")!)
        defer { iterator.close() }
        iterator.seekToFirst()
        var entries = 0
        while iterator.isValid { entries += 1; iterator.next() }
        #expect(entries == expected.count)
        #expect(!FileManager.default.fileExists(atPath: directory + "/state/test-job"))
    }

    @Test func missingInputIsAnErrorNamingTheFile() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let job = KeyedCountJob(
            input: directory + "/nope.csv", output: directory + "/out.csv", stateDirectory: directory + "/state",
            checkpointDirectory: directory + "/checkpoints")
        let error = #expect(throws: (any Error).self) { try job.run() }
        #expect("\(error!)".contains("nope.csv"))
    }
}
