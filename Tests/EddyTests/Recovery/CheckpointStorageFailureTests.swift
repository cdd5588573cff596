import Eddy
import EddyRuntime
import EddyState
import Foundation
import Testing

/// A checkpoint that cannot be written (the directory is unwritable, or the disk is full) fails
/// and is counted; the job keeps running, and checkpoints succeed again once writing works.
@Suite(.serialized) struct CheckpointStorageFailureTests {
    /// A running job (throttled source, keyed count) checkpointing every 20 ms into `root`.
    func startJob(root: String, work: String, throttle: SourceThrottle) throws -> (RunningJob, LocalCheckpointStorage) {
        let environment = StreamExecutionEnvironment()
        environment.stateBackend = .filesystem
        environment.workingDirectory = work
        environment.jobID = "storage-failure"
        let storage = try LocalCheckpointStorage(root: root, jobID: "storage-failure")
        environment.checkpointing = CheckpointConfig(
            intervalMillis: 20, timeoutMillis: 10_000, storage: storage,
            sink: CompletedCheckpointStore(jobID: "storage-failure", storage: storage))
        environment.source("numbers") { subtask, parallelism in
            CheckpointedRangeReader(count: 1_000_000, subtask: subtask, parallelism: parallelism, throttle: throttle)
        }.keyBy { $0 % 100 }.process("count") { FinalCountPerKey<Int64>() }.collect(into: Collected())
        return (try environment.executeAsync("storage-failure"), storage)
    }

    func waitUntil(_ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(20)
        while !condition() && Date() < deadline { usleep(5_000) }
    }

    @Test func anUnwritableCheckpointFailsAndTheNextSucceedsOnceItIsWritableAgain() throws {
        let root = temporaryDirectory("unwritable")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let throttle = SourceThrottle(limit: 1_000)
        let (job, storage) = try startJob(root: root, work: root + "/work", throttle: throttle)
        let coordinator = try #require(job.checkpointCoordinator)
        waitUntil { coordinator.statistics.current.completed >= 1 }
        // Files where the next checkpoints' directories must go: their writes fail (even as root).
        let next = coordinator.statistics.current.lastCompletedID + 1
        let blockers = (next..<(next + 200)).map { storage.absolutePath("chk-\($0)") }
        for path in blockers { FileManager.default.createFile(atPath: path, contents: Data("in the way".utf8)) }
        let completedBefore = coordinator.statistics.current.completed
        waitUntil { coordinator.statistics.current.failed >= 2 }
        #expect(coordinator.statistics.current.failed >= 2)
        #expect("\(job.status)" == "RUNNING", "a failed checkpoint does not fail the job")
        for path in blockers { try? FileManager.default.removeItem(atPath: path) }
        waitUntil { coordinator.statistics.current.completed > completedBefore }
        #expect(coordinator.statistics.current.completed > completedBefore, "checkpoints succeed again")
        job.cancel()
        job.waitForCompletion()
    }

    /// A real full disk: a 2 MiB tmpfs (needs `mount`, so root; skipped where it cannot be mounted).
    @Test func aFullDiskFailsCheckpointsUntilSpaceIsBack() throws {
        let root = temporaryDirectory("full-disk")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let mountPoint = root + "/tmpfs"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard shell("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint) == 0 else {
            Issue.record("tmpfs could not be mounted here (not root?): the full-disk case is covered by the unwritable one")
            return
        }
        defer { _ = shell("umount", mountPoint) }
        let throttle = SourceThrottle(limit: 1_000)
        let (job, _) = try startJob(root: mountPoint, work: root + "/work", throttle: throttle)
        let coordinator = try #require(job.checkpointCoordinator)
        waitUntil { coordinator.statistics.current.completed >= 1 }
        // Fill the disk.
        let filler = mountPoint + "/filler"
        FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        let chunk = Data(count: 16 << 10)
        while (try? handle.write(contentsOf: chunk)) != nil {}  // until the disk is full
        try? handle.close()
        let completedBefore = coordinator.statistics.current.completed
        let failedBefore = coordinator.statistics.current.failed
        throttle.limit = 20_000  // new state to write
        waitUntil { coordinator.statistics.current.failed >= failedBefore + 2 }
        #expect(coordinator.statistics.current.failed >= failedBefore + 2)
        #expect("\(job.status)" == "RUNNING")
        try FileManager.default.removeItem(atPath: filler)
        waitUntil { coordinator.statistics.current.completed > completedBefore + 1 }
        #expect(coordinator.statistics.current.completed > completedBefore + 1, "checkpoints succeed once space is back")
        job.cancel()
        job.waitForCompletion()
    }

    func shell(_ arguments: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
