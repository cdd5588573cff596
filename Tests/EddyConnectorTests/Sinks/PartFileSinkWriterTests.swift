import Eddy
import Foundation
import Testing

@Suite struct PartFileSinkWriterTests {
    func visible(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
    }

    func hidden(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }.sorted()
    }

    func lines(_ directory: String) throws -> [String] {
        try visible(directory).flatMap { name in
            try String(contentsOfFile: directory + "/" + name, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    func writer(_ directory: TemporaryDirectory) throws -> PartFileSinkWriter<Int> {
        let sink = PartFileSinkWriter<Int>(directory: directory.path + "/out") { "\($0)" }
        try sink.open(subtaskIndex: 0, parallelism: 1)
        return sink
    }

    func write(_ values: ClosedRange<Int>, to sink: PartFileSinkWriter<Int>) throws {
        for value in values { try sink.write(value, timestamp: nil) }
    }

    @Test func partsBecomeVisibleOnlyWhenTheirCheckpointCompletes() throws {
        let directory = try TemporaryDirectory()
        let sink = try writer(directory)
        try write(1...3, to: sink)
        let first = try sink.prepareCommit(checkpointID: 1)
        try write(4...5, to: sink)
        let second = try sink.prepareCommit(checkpointID: 2)
        #expect(try visible(sink.directory).isEmpty)
        try sink.commit([first])
        #expect(try lines(sink.directory) == ["1", "2", "3"])
        try sink.commit([second])
        #expect(try lines(sink.directory) == ["1", "2", "3", "4", "5"])
        try write(6...6, to: sink)
        try sink.finish()
        #expect(try lines(sink.directory) == ["1", "2", "3", "4", "5", "6"])
        #expect(try hidden(sink.directory).isEmpty)
    }

    @Test func recoveryCommitsWhatTheCheckpointHadPendingAndDropsWhatCameAfter() throws {
        let directory = try TemporaryDirectory()
        let before = try writer(directory)
        try write(1...3, to: before)
        let state = try before.prepareCommit(checkpointID: 7)
        // Written after checkpoint 7, then the process dies: pending for 8 (never completed), in progress.
        try write(4...5, to: before)
        _ = try before.prepareCommit(checkpointID: 8)
        try write(6...6, to: before)

        let after = try writer(directory)
        try after.recover([state])
        #expect(try lines(after.directory) == ["1", "2", "3"])
        #expect(try hidden(after.directory).isEmpty, "leftovers of the failed run are removed")
        try write(4...6, to: after)
        try sink(after, completes: 8)
        #expect(try lines(after.directory) == ["1", "2", "3", "4", "5", "6"])
        #expect(try visible(after.directory) == ["part-0-0.csv", "part-0-1.csv"])
    }

    func sink(_ sink: PartFileSinkWriter<Int>, completes checkpointID: Int64) throws {
        try sink.commit([try sink.prepareCommit(checkpointID: checkpointID)])
    }

    @Test func recoveryRemovesTheEndOfInputPartOfARunThatDiedAfterIt() throws {
        let directory = try TemporaryDirectory()
        let before = try writer(directory)
        try write(1...2, to: before)
        let state = try before.prepareCommit(checkpointID: 3)
        try before.commit([state])
        try write(3...4, to: before)
        try before.finish()  // visible, then the process dies before the job ends
        #expect(try lines(before.directory) == ["1", "2", "3", "4"])

        let after = try writer(directory)
        try after.recover([state])
        #expect(try lines(after.directory) == ["1", "2"], "3 and 4 come again from the sources")
        try write(3...4, to: after)
        try after.finish()
        #expect(try lines(after.directory) == ["1", "2", "3", "4"])
    }

    @Test func committingAgainAfterARestoreIsHarmless() throws {
        let directory = try TemporaryDirectory()
        let before = try writer(directory)
        try write(1...1, to: before)
        let state = try before.prepareCommit(checkpointID: 1)
        try before.commit([state])  // committed, then the process dies before anything else
        let after = try writer(directory)
        try after.recover([state])
        #expect(try lines(after.directory) == ["1"])
    }

    @Test func aPendingPartThatVanishedIsReportedByName() throws {
        let directory = try TemporaryDirectory()
        let before = try writer(directory)
        try write(1...1, to: before)
        let state = try before.prepareCommit(checkpointID: 1)
        try FileManager.default.removeItem(atPath: before.directory + "/.part-0-0.csv.pending")
        let after = try writer(directory)
        #expect(throws: ConnectorError.self) { try after.recover([state]) }
    }

    @Test func corruptCommittablesAreRefused() throws {
        let sink = try writer(try TemporaryDirectory())
        #expect(throws: ConnectorError.self) { try sink.commit([[1, 2, 3]]) }
    }
}
