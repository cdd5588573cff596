import EddyCore
import EddyState
import EddyStateHeap
import Foundation
import Testing

/// Snapshots through a checkpoint directory on disk, and a byte flipped in a file there.
@Suite struct LocalStorageRestoreTests {
    @Test func corruptFileOnDiskIsReportedWithItsPath() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-heap-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = try LocalCheckpointStorage(root: root, jobID: "job")
        func backend(_ handles: [KeyedStateHandle] = []) throws -> HeapBackendFixture.Backend {
            try HeapBackendFixture.Backend(
                parameters: KeyedBackendParameters(
                    operatorID: "op", keySerializer: IntegerSerializer<Int>(), keyGroupRange: KeyGroupRange(start: 0, end: 127),
                    clock: ManualClock(), storage: storage, workingDirectory: root),
                mode: .incremental, restoring: handles)
        }
        let original = try backend()
        try StatePopulation.write(original)
        let handle = try original.snapshot(
            checkpointID: 1, kind: .checkpoint, location: CheckpointStorageLocation(storage: storage, checkpointID: 1)
        ).run()
        try StatePopulation.verify(try backend([handle]))

        let path = storage.absolutePath(handle.files[0].path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[10] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: StateError.self) { _ = try backend([handle]) }
        #expect(error.code == .corruptSnapshot)
        #expect(error.path == path)
    }
}
