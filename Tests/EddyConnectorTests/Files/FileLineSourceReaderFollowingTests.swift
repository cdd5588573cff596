import EddyRuntime
import Foundation
import Testing

@testable import Eddy

@Suite struct FileLineSourceReaderFollowingTests {
    @Test(arguments: [2, 1 << 20])
    func picksUpAppendedLinesExactlyOnce(chunkSize: Int) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("1,0,0\n2,0,0\n", to: "growing.csv")
        let reader = FileLineSourceReader(
            path: path, parser: ClickCSVRecordParser(), mode: .following(pollInterval: .zero), chunkSize: chunkSize)
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<Click>()
        func users() -> [Int64] { capture.records.map(\.userID) }

        #expect(try reader.poll(into: capture.output, budget: 100) == .nothingAvailable)
        #expect(users() == [1, 2])
        #expect(try reader.poll(into: capture.output, budget: 100) == .nothingAvailable)
        #expect(users() == [1, 2])

        // A line split across two appends: held back until its newline arrives.
        try directory.append("3,0,0\n4,0", to: path)
        #expect(try reader.poll(into: capture.output, budget: 100) == .nothingAvailable)
        #expect(users() == [1, 2, 3])
        let held = reader.position
        #expect(held == FileLinePosition(fileIndex: 0, byteOffset: 18, line: 3))
        #expect(try reader.poll(into: capture.output, budget: 100) == .nothingAvailable)
        #expect(users() == [1, 2, 3])

        try directory.append(",0\r\nbad\n\n5,0,0\n", to: path)
        #expect(try reader.poll(into: capture.output, budget: 100) == .nothingAvailable)
        #expect(users() == [1, 2, 3, 4, 5])
        #expect(capture.records[3] == Click(userID: 4, itemID: 0, timestampMillis: 0))
        #expect(capture.deadLetters.map(\.line) == [5])
        #expect(capture.deadLetters.map(\.raw) == ["bad"])

        // Resuming from the held position reads the split line once, not half of it.
        let resumed = FileLineSourceReader(
            path: path, parser: ClickCSVRecordParser(), mode: .following(pollInterval: .zero), startingAt: held)
        try resumed.open(subtaskIndex: 0, parallelism: 1)
        let again = CapturingOutput<Click>()
        #expect(try resumed.poll(into: again.output, budget: 100) == .nothingAvailable)
        #expect(again.records.map(\.userID) == [4, 5])
        #expect(again.deadLetters.map(\.line) == [5])
    }

    @Test func budgetHoldsWhileFollowing() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write((1...5).map { "\($0),0,0\n" }.joined(), to: "f.csv")
        let reader = FileLineSourceReader(
            path: path, parser: ClickCSVRecordParser(), mode: .following(pollInterval: .zero))
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<Click>()
        #expect(try reader.poll(into: capture.output, budget: 2) == .moreAvailable)
        #expect(try reader.poll(into: capture.output, budget: 2) == .moreAvailable)
        #expect(try reader.poll(into: capture.output, budget: 2) == .nothingAvailable)
        #expect(capture.records.map(\.userID) == [1, 2, 3, 4, 5])
    }

    @Test func pollIntervalLimitsRereads() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("1,0,0\n", to: "slow.csv")
        let reader = FileLineSourceReader(
            path: path, parser: ClickCSVRecordParser(), mode: .following(pollInterval: .seconds(60)))
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<Click>()
        #expect(try reader.poll(into: capture.output, budget: 10) == .nothingAvailable)
        try directory.append("2,0,0\n", to: path)
        // Within the interval the file is not read again.
        #expect(try reader.poll(into: capture.output, budget: 10) == .nothingAvailable)
        #expect(capture.records.map(\.userID) == [1])
    }

    @Test func earlierFilesOfTheSubtaskAreReadToTheirEnd() throws {
        let directory = try TemporaryDirectory()
        let old = try directory.write("1,0,0\n2,0,0", to: "old.csv")
        let live = try directory.write("3,0,0\n", to: "live.csv")
        let reader = FileLineSourceReader(
            paths: [old, live], parser: ClickCSVRecordParser(), mode: .following(pollInterval: .zero))
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<Click>()
        #expect(try reader.poll(into: capture.output, budget: 10) == .nothingAvailable)
        #expect(capture.records.map(\.userID) == [1, 2, 3])
        #expect(reader.currentPath == live)
    }
}
