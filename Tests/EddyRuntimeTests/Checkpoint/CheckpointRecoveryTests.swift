import EddyState
import Foundation
import Testing

@testable import EddyRuntime

@Suite struct CheckpointRecoveryTests {
    /// Three completed checkpoints (all retained) plus an incomplete one, in a fresh job directory.
    func threeCheckpoints() throws -> LocalCheckpointStorage {
        let storage = try LocalCheckpointStorage(root: makeCheckpointRoot(), jobID: "job")
        let store = CompletedCheckpointStore(jobID: "job", storage: storage, retainedCheckpoints: 3)
        for id: Int64 in 1...3 {
            try store.complete(acknowledged(id, try writeSubtaskState(storage, checkpointID: id, sharedName: "s\(id)")))
        }
        _ = try writeSubtaskState(storage, checkpointID: 4, sharedName: "s4")  // crashed before its _metadata
        return storage
    }

    @Test func takesTheNewestCompleteCheckpointAndCleansWhatACrashLeft() throws {
        let storage = try threeCheckpoints()
        let log = CapturedLog()
        let found = CheckpointRecovery.scan(storage, limit: 1, logger: log.logger)
        #expect(found.map(\.checkpoint.checkpointID) == [3])
        #expect(!fileExists(storage, "chk-4"))
        #expect(!fileExists(storage, "shared/s4"), "no checkpoint refers to it")
        #expect(fileExists(storage, "shared/s1"))
    }

    @Test func aCorruptNewestMetadataFallsBackToTheOneBeforeAndSaysWhy() throws {
        let storage = try threeCheckpoints()
        let path = storage.absolutePath("chk-3/_metadata")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let log = CapturedLog()
        let found = CheckpointRecovery.scan(storage, limit: 1, logger: log.logger)
        #expect(found.map(\.checkpoint.checkpointID) == [2])
        #expect(log.messages.contains { $0.contains("skipping checkpoint chk-3") && $0.contains(path) })
        #expect(fileExists(storage, "chk-3/_metadata"), "left for inspection")
    }

    @Test func aCorruptStateFileFallsBackNamingTheFile() throws {
        let storage = try threeCheckpoints()
        let path = storage.absolutePath("shared/s3")
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: path))
        let log = CapturedLog()
        let found = CheckpointRecovery.scan(storage, limit: 1, logger: log.logger)
        #expect(found.map(\.checkpoint.checkpointID) == [2])
        #expect(log.messages.contains { $0.contains("chk-3") && $0.contains("shared/s3") })
    }

    @Test func aMissingStateFileFallsBack() throws {
        let storage = try threeCheckpoints()
        try FileManager.default.removeItem(atPath: storage.absolutePath("chk-3/op-1-0.state"))
        let found = CheckpointRecovery.scan(storage, limit: 2, logger: CapturedLog().logger)
        #expect(found.map(\.checkpoint.checkpointID) == [2, 1])
    }

    @Test func loadsAnExplicitPathAndRefusesACorruptOne() throws {
        let storage = try threeCheckpoints()
        #expect(try CheckpointRecovery.load(path: storage.absolutePath("chk-2")).checkpoint.checkpointID == 2)
        #expect(try CheckpointRecovery.load(path: storage.absolutePath("chk-1/_metadata")).checkpoint.checkpointID == 1)
        try Data("x".utf8).write(to: URL(fileURLWithPath: storage.absolutePath("chk-1/op-1-0.state")))
        #expect(throws: StateError.self) { try CheckpointRecovery.load(path: storage.absolutePath("chk-1")) }
    }

    @Test func anEmptyDirectoryHasNothingToRestore() throws {
        let storage = try LocalCheckpointStorage(root: makeCheckpointRoot(), jobID: "job")
        #expect(CheckpointRecovery.scan(storage, logger: CapturedLog().logger).isEmpty)
    }
}
