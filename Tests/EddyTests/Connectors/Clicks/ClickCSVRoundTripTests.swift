import Foundation
import Testing

@testable import Eddy

@Suite struct ClickCSVRoundTripTests {
    @Test func writeThenReadGivesGeneratorOutput() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("clicks.csv")
        let options = ClickGeneratorOptions(
            events: 100_000, users: 10_000, items: 5_000, eventsPerSecond: 5_000, seed: 99)
        // A small buffer so the run crosses many flushes and read chunks.
        let written = try ClickCSVWriter.writeGenerated(options, to: path, bufferCapacity: 4096)
        #expect(written.records == 100_000)
        #expect(written.path == path)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))

        let (clicks, deadLetters, stats) = try ClickCSVReader(path: path, chunkSize: 1000).readAll()
        #expect(deadLetters.isEmpty)
        #expect(stats.records == 100_000 && stats.deadLetters == 0 && stats.blankLines == 0)
        #expect(stats.bytes == written.bytes)
        #expect(clicks == Array(ClickGenerator(options: options)))
    }

    @Test func extremeValuesRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("extremes.csv")
        let clicks = [
            Click(userID: 0, itemID: -1, timestampMillis: 9),
            Click(userID: Int64.max, itemID: Int64.min, timestampMillis: 10),
            Click(userID: 99, itemID: 100, timestampMillis: -1_234_567_890_123),
        ]
        let writer = try ClickCSVWriter(path: path)
        try writer.write(clicks[0])
        try writer.write(contentsOf: Array(clicks[1...]))
        let stats = try writer.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "0,-1,9\n9223372036854775807,-9223372036854775808,10\n99,100,-1234567890123\n")
        #expect(stats.bytes == text.utf8.count && stats.records == 3)
        #expect(try ClickCSVReader(path: path).readAll().clicks == clicks)
    }

    @Test func writerDroppedWithoutCloseLeavesNoFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("abandoned.csv")
        do {
            let writer = try ClickCSVWriter(path: path)
            try writer.write(Click(userID: 1, itemID: 2, timestampMillis: 3))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
    }

    @Test func writerToMissingDirectoryThrowsNamingPath() throws {
        let path = "/nonexistent-eddy-dir/clicks.csv"
        #expect {
            _ = try ClickCSVWriter(path: path)
        } throws: { error in
            "\(error)".contains("/nonexistent-eddy-dir/clicks.csv.tmp")
        }
    }
}
