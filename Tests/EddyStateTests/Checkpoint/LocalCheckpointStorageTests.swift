import EddyMemory
@testable import EddyState
import Foundation
import Testing

@Suite("Local checkpoint storage")
struct LocalCheckpointStorageTests {
    /// Runs `body` with a storage in a fresh temporary root.
    static func withStorage(_ body: (LocalCheckpointStorage, TemporaryDirectory) throws -> Void) throws {
        try TemporaryDirectory.with { root in
            try body(try LocalCheckpointStorage(root: root.path, jobID: "job-1"), root)
        }
    }

    static func checks(_ storage: LocalCheckpointStorage) -> CheckpointStorageChecks {
        CheckpointStorageChecks(
            storage: storage, errorPath: { storage.absolutePath($0) },
            replace: { try overwriteFile(storage.absolutePath($0), with: $1) },
            remove: { try FileManager.default.removeItem(atPath: storage.absolutePath($0)) })
    }

    @Test("creates shared/ and taskowned/ below the job directory; chk-<n>/ on first write")
    func layout() throws {
        try Self.withStorage { storage, root in
            #expect(storage.directory == root.appending("job-1"))
            var isDirectory: ObjCBool = false
            for sub in ["shared", "taskowned"] {
                #expect(FileManager.default.fileExists(atPath: root.appending("job-1/\(sub)"), isDirectory: &isDirectory))
                #expect(isDirectory.boolValue)
            }
            let location = CheckpointStorageLocation(storage: storage, checkpointID: 12)
            #expect(location.exclusiveDirectory == "chk-12")
            _ = try storage.write([1], to: location.exclusiveDirectory + "/op-0.kg")
            _ = try storage.write([2], to: CheckpointStorageLocation.sharedDirectory + "/x.sst")
            _ = try storage.write([3], to: CheckpointStorageLocation.taskOwnedDirectory + "/y")
            #expect(root.allFiles() == ["job-1/chk-12/op-0.kg", "job-1/shared/x.sst", "job-1/taskowned/y"])
        }
    }

    @Test("write then read round-trips and leaves no .tmp file behind")
    func roundTrip() throws {
        try Self.withStorage { storage, root in
            var random = SeededGenerator(seed: 7)
            var handles: [(StateFileHandle, [UInt8])] = []
            for i in 0..<20 {
                let payload = random.bytes(maxLength: 5000)
                handles.append((try storage.write(payload, to: "chk-\(i % 3)/f\(i)"), payload))
            }
            for (handle, payload) in handles {
                #expect(try storage.read(handle) == payload)
                #expect(handle.checksum == CRC32C.checksum(payload))
                #expect(try contentsOfFile(storage.absolutePath(handle.path)) == payload)
            }
            #expect(root.allFiles().filter { $0.hasSuffix(".tmp") }.isEmpty)
            #expect(root.allFiles().count == 20)
        }
    }

    @Test("handles record size, checksum and sharing; delete is idempotent")
    func handles() throws {
        try Self.withStorage { storage, _ in try Self.checks(storage).recordsHandles() }
    }

    @Test("a flipped byte, a truncation or a deletion on disk is caught and names the file")
    func verification() throws {
        try Self.withStorage { storage, _ in try Self.checks(storage).verifiesChecksums() }
    }

    @Test("copyIn and copyOut round-trip a local file and leave no .tmp file behind")
    func copies() throws {
        try Self.withStorage { storage, root in
            let payload = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 / 7) }  // over one 1 MiB chunk
            let local = root.appending("000042.sst")
            try overwriteFile(local, with: payload)
            let handle = try storage.copyIn(localFile: local, to: "shared/000042.sst")
            #expect(handle.shared && handle.size == Int64(payload.count) && handle.checksum == CRC32C.checksum(payload))
            let restored = root.appending("restored.sst")
            try storage.copyOut(handle, toLocalFile: restored)
            #expect(try contentsOfFile(restored) == payload)
            #expect(root.allFiles().filter { $0.hasSuffix(".tmp") }.isEmpty)
        }
    }

    @Test("copyOut verifies: a damaged file throws corruptSnapshot and leaves no local copy; a deleted one missingFile")
    func copyOutVerifies() throws {
        try Self.withStorage { storage, root in
            let handle = try storage.write(Array(repeating: 5, count: 1000), to: "shared/a.sst")
            var damaged = Array(repeating: UInt8(5), count: 1000)
            damaged[999] = 6
            try overwriteFile(storage.absolutePath("shared/a.sst"), with: damaged)
            let local = root.appending("out.sst")
            expectStateError(.corruptSnapshot, path: storage.absolutePath("shared/a.sst")) {
                try storage.copyOut(handle, toLocalFile: local)
            }
            #expect(!FileManager.default.fileExists(atPath: local))
            storage.delete(relativePath: "shared/a.sst")
            expectStateError(.missingFile, path: storage.absolutePath("shared/a.sst")) {
                try storage.copyOut(handle, toLocalFile: local)
            }
        }
    }

    @Test("copyIn of a missing local file throws io")
    func copyInMissing() throws {
        try Self.withStorage { storage, root in
            expectStateError(.io) { _ = try storage.copyIn(localFile: root.appending("nope"), to: "shared/nope") }
            #expect(root.allFiles().isEmpty)
        }
    }
}

@Suite("Local checkpoint storage failures")
struct LocalCheckpointStorageFailureTests {
    @Test("a write that cannot be renamed into place throws io naming the file and leaves no .tmp behind")
    func failedWriteCleansUp() throws {
        try LocalCheckpointStorageTests.withStorage { storage, root in
            _ = try storage.write([1], to: "chk-1/a")
            // The target is a non-empty directory, so the final rename fails after the data was written.
            expectStateError(.io, path: storage.absolutePath("chk-1")) { _ = try storage.write([2], to: "chk-1") }
            let local = root.appending("local.sst")
            try overwriteFile(local, with: [3])
            expectStateError(.io, path: storage.absolutePath("chk-1")) { _ = try storage.copyIn(localFile: local, to: "chk-1") }
            #expect(root.allFiles() == ["job-1/chk-1/a", "local.sst"])
        }
    }
}
