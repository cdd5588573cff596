import Foundation
import EddyCore
import EddyState
import Testing

@testable import EddyRuntime

@Suite struct CompletedCheckpointStoreTests {
    @Test func keepsTheNewestAndDeletesWhatOnlyOlderOnesUsed() throws {
        let storage = try LocalCheckpointStorage(root: makeCheckpointRoot(), jobID: "job")
        let store = CompletedCheckpointStore(jobID: "job", storage: storage, retainedCheckpoints: 2)
        let first = try writeSubtaskState(storage, checkpointID: 1, sharedName: "a")
        try store.complete(acknowledged(1, first))
        // Checkpoint 2 reuses checkpoint 1's shared file (incremental), checkpoint 3 does not.
        let second = try writeSubtaskState(storage, checkpointID: 2, sharedName: "b", reusing: [first.keyedState[0].files[1]])
        try store.complete(acknowledged(2, second))
        #expect(fileExists(storage, "chk-1/_metadata"))
        try store.complete(acknowledged(3, try writeSubtaskState(storage, checkpointID: 3, sharedName: "c")))

        #expect(store.checkpoints.map(\.checkpointID) == [2, 3])
        #expect(!fileExists(storage, "chk-1"))
        #expect(fileExists(storage, "shared/a"), "checkpoint 2 still refers to it")
        try store.complete(acknowledged(4, try writeSubtaskState(storage, checkpointID: 4, sharedName: "d")))
        #expect(!fileExists(storage, "shared/a"))
        #expect(!fileExists(storage, "shared/b"))
        #expect(fileExists(storage, "shared/c") && fileExists(storage, "shared/d"))
        #expect(store.latest?.checkpointID == 4)
    }

    @Test func anAbortedCheckpointLeavesNothing() throws {
        let storage = try LocalCheckpointStorage(root: makeCheckpointRoot(), jobID: "job")
        let store = CompletedCheckpointStore(jobID: "job", storage: storage)
        let first = try writeSubtaskState(storage, checkpointID: 1, sharedName: "a")
        try store.complete(acknowledged(1, first))
        let aborted = try writeSubtaskState(storage, checkpointID: 2, sharedName: "b", reusing: [first.keyedState[0].files[1]])
        store.abort(checkpointID: 2, written: [aborted])
        #expect(!fileExists(storage, "chk-2"))
        #expect(!fileExists(storage, "shared/b"))
        #expect(fileExists(storage, "shared/a"), "the retained checkpoint refers to it")
        #expect(store.latest?.checkpointID == 1)
    }

    @Test func savepointsMoveToTheirOwnDirectoryAndAreNotRetained() throws {
        let root = makeCheckpointRoot()
        let storage = try LocalCheckpointStorage(root: root, jobID: "job")
        let store = CompletedCheckpointStore(jobID: "job", storage: storage, savepointDirectory: root + "/savepoints")
        let exclusive = try storage.write(Array("canonical".utf8), to: "chk-5/op-1-0.kg")
        let handle = KeyedStateHandle(
            format: .keyGroupFiles, backend: "test", keyGroupRange: KeyGroupRange(start: 0, end: 127), maxParallelism: 128,
            states: [], files: [exclusive], newBytes: exclusive.size)
        try store.complete(acknowledged(5, OperatorSubtaskState(keyedState: [handle]), options: CheckpointOptions(kind: .savepoint)))
        #expect(store.latest == nil)
        #expect(store.savepointPath(5) == root + "/savepoints/savepoint-job-5")
        #expect(!fileExists(storage, "chk-5"))
        let found = try CheckpointRecovery.load(path: root + "/savepoints/savepoint-job-5")
        #expect(found.checkpoint.kind == "savepoint")
        #expect(found.checkpoint.checkpointID == 5)
    }

    @Test func aFailedMetadataWriteFailsTheCheckpointAndKeepsTheOlderOne() throws {
        let root = makeCheckpointRoot()
        let storage = try LocalCheckpointStorage(root: root, jobID: "job")
        let store = CompletedCheckpointStore(jobID: "job", storage: storage)
        try store.complete(acknowledged(1, try writeSubtaskState(storage, checkpointID: 1, sharedName: "a")))
        // A directory where the metadata file must go: the write fails like a full disk would.
        try FileManager.default.createDirectory(
            atPath: storage.absolutePath("chk-2/_metadata.tmp"), withIntermediateDirectories: true)
        #expect(throws: StateError.self) { try store.complete(acknowledged(2, OperatorSubtaskState())) }
        #expect(store.latest?.checkpointID == 1)
        #expect(fileExists(storage, "chk-1/_metadata"))
    }
}
