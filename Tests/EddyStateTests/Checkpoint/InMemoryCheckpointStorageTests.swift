import EddyMemory
@testable import EddyState
import Testing

@Suite("In-memory checkpoint storage")
struct InMemoryCheckpointStorageTests {
    static func checks(_ storage: InMemoryCheckpointStorage) -> CheckpointStorageChecks {
        CheckpointStorageChecks(
            storage: storage, errorPath: { "memory:" + $0 },
            replace: { storage.overwrite(relativePath: $0, with: $1) },
            remove: { storage.delete(relativePath: $0) })
    }

    @Test("handles record size, checksum and sharing; delete is idempotent")
    func handles() throws {
        try Self.checks(InMemoryCheckpointStorage()).recordsHandles()
    }

    @Test("a flipped byte, a truncation or a deletion is caught and names the file")
    func verification() throws {
        try Self.checks(InMemoryCheckpointStorage()).verifiesChecksums()
    }

    @Test("writes beyond the capacity throw io naming the file; overwrites and deletes free space")
    func capacity() throws {
        let storage = InMemoryCheckpointStorage(capacityBytes: 100)
        _ = try storage.write(Array(repeating: 1, count: 60), to: "chk-1/a")
        #expect(storage.usedBytes == 60)
        let error = expectStateError(.io, path: "memory:chk-1/b") {
            _ = try storage.write(Array(repeating: 2, count: 41), to: "chk-1/b")
        }
        #expect(error?.message.contains("full") == true)
        #expect(storage.usedBytes == 60)
        // Exactly at capacity is allowed.
        _ = try storage.write(Array(repeating: 2, count: 40), to: "chk-1/b")
        #expect(storage.usedBytes == 100)
        // Replacing a file counts only the new size against the others.
        _ = try storage.write(Array(repeating: 3, count: 30), to: "chk-1/b")
        #expect(storage.usedBytes == 90)
        expectStateError(.io) { _ = try storage.write(Array(repeating: 3, count: 41), to: "chk-1/b") }
        #expect(try storage.read(storage.write(Array(repeating: 3, count: 40), to: "chk-1/b")).count == 40)
        storage.delete(relativePath: "chk-1/a")
        #expect(storage.usedBytes == 40)
        _ = try storage.write(Array(repeating: 4, count: 60), to: "chk-2/c")
        #expect(storage.usedBytes == 100)
    }

    @Test("copyIn and copyOut go through local files")
    func copies() throws {
        try TemporaryDirectory.with { root in
            let storage = InMemoryCheckpointStorage()
            let payload = (0..<5000).map { UInt8(truncatingIfNeeded: $0) }
            try overwriteFile(root.appending("in.sst"), with: payload)
            let handle = try storage.copyIn(localFile: root.appending("in.sst"), to: "shared/in.sst")
            #expect(handle.shared && handle.checksum == CRC32C.checksum(payload))
            try storage.copyOut(handle, toLocalFile: root.appending("out.sst"))
            #expect(try contentsOfFile(root.appending("out.sst")) == payload)
            expectStateError(.io) { _ = try storage.copyIn(localFile: root.appending("missing"), to: "shared/m") }
            storage.overwrite(relativePath: "shared/in.sst", with: [1])
            expectStateError(.corruptSnapshot, path: "memory:shared/in.sst") {
                try storage.copyOut(handle, toLocalFile: root.appending("out2.sst"))
            }
        }
    }
}
