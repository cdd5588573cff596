import Eddy
import Foundation
import Testing

@Suite struct PartFileSinkWriterTests {
    func visible(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
    }

    func lines(_ directory: String) throws -> [String] {
        try visible(directory).flatMap { name in
            try String(contentsOfFile: directory + "/" + name, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    func writer(_ directory: String) -> PartFileSinkWriter<Int> { PartFileSinkWriter(directory: directory + "/out") { "\($0)" } }

    /// A sink that wrote one record and prepared it for checkpoint 1, with its state.
    func oneRecordPrepared(_ directory: TemporaryDirectory) throws -> (PartFileSinkWriter<Int>, [UInt8]) {
        let sink = writer(directory.path)
        try sink.open(subtaskIndex: 0, parallelism: 1)
        try sink.write(1, timestamp: nil)
        return (sink, try sink.prepareCommit(checkpointID: 1))
    }

    @Test func partsBecomeVisibleOnlyWhenTheirCheckpointCompletes() throws {
        let directory = try TemporaryDirectory()
        let sink = writer(directory.path)
        try sink.open(subtaskIndex: 0, parallelism: 1)
        for value in 1...3 { try sink.write(value, timestamp: nil) }
        _ = try sink.prepareCommit(checkpointID: 1)
        for value in 4...5 { try sink.write(value, timestamp: nil) }
        _ = try sink.prepareCommit(checkpointID: 2)
        #expect(try visible(sink.directory).isEmpty)
        try sink.commit(upTo: 1)
        #expect(try lines(sink.directory) == ["1", "2", "3"])
        try sink.commit(upTo: 2)
        #expect(try lines(sink.directory) == ["1", "2", "3", "4", "5"])
        #expect(sink.pendingCount == 0)
    }

    @Test func aRestoreCommitsWhatTheCheckpointHadPendingAndDropsWhatCameAfter() throws {
        let directory = try TemporaryDirectory()
        let before = writer(directory.path)
        try before.open(subtaskIndex: 0, parallelism: 1)
        for value in 1...3 { try before.write(value, timestamp: nil) }
        let state = try before.prepareCommit(checkpointID: 7)
        // Written after checkpoint 7, then the process dies: pending for 8 (never completed) and in progress.
        for value in 4...5 { try before.write(value, timestamp: nil) }
        _ = try before.prepareCommit(checkpointID: 8)
        try before.write(6, timestamp: nil)
        // (no close: a crash leaves the files as they are)

        let after = writer(directory.path)
        try after.restore([state])
        try after.open(subtaskIndex: 0, parallelism: 1)
        #expect(try lines(after.directory) == ["1", "2", "3"])
        let hidden = try FileManager.default.contentsOfDirectory(atPath: after.directory).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "leftovers of the failed run are removed: \(hidden)")
        // Replayed records go to a new part number, not over the committed one.
        for value in 4...6 { try after.write(value, timestamp: nil) }
        try after.finish()
        _ = try after.prepareCommit(checkpointID: 8)
        try after.commit(upTo: 8)
        #expect(try lines(after.directory) == ["1", "2", "3", "4", "5", "6"])
        #expect(try visible(after.directory) == ["part-0-0.csv", "part-0-1.csv"])
    }

    @Test func committingAgainAfterARestoreIsHarmless() throws {
        let directory = try TemporaryDirectory()
        let (before, state) = try oneRecordPrepared(directory)
        try before.commit(upTo: 1)  // committed, then the process dies before anything else
        let after = writer(directory.path)
        try after.restore([state])
        try after.open(subtaskIndex: 0, parallelism: 1)
        #expect(try lines(after.directory) == ["1"])
    }

    @Test func aPendingPartThatVanishedIsReportedByName() throws {
        let directory = try TemporaryDirectory()
        let (before, state) = try oneRecordPrepared(directory)
        try FileManager.default.removeItem(atPath: before.directory + "/.part-0-0.csv.pending")
        let after = writer(directory.path)
        try after.restore([state])
        #expect(throws: ConnectorError.self) { try after.open(subtaskIndex: 0, parallelism: 1) }
    }

    @Test func withoutCheckpointsCommitAllPublishesAtTheEnd() throws {
        let directory = try TemporaryDirectory()
        let sink = writer(directory.path)
        try sink.open(subtaskIndex: 0, parallelism: 1)
        for value in 1...3 { try sink.write(value, timestamp: nil) }
        try sink.finish()
        #expect(try visible(sink.directory).isEmpty)
        try sink.commitAll()
        #expect(try lines(sink.directory) == ["1", "2", "3"])
    }

    @Test func corruptStateIsRefused() throws {
        let sink = writer(try TemporaryDirectory().path)
        #expect(throws: ConnectorError.self) { try sink.restore([[1, 2, 3]]) }
    }
}
