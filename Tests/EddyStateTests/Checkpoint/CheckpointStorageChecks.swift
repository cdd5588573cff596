@testable import EddyState
import Testing

/// Checks every ``CheckpointStorage`` must pass, given how to damage a stored file behind the
/// storage's back (each storage test supplies its own).
struct CheckpointStorageChecks {
    let storage: any CheckpointStorage
    /// The path errors name for a relative path (absolute on disk, `memory:` + path in memory).
    let errorPath: (String) -> String
    /// Replaces a stored file's bytes.
    let replace: (String, [UInt8]) throws -> Void
    /// Removes a stored file without telling the storage.
    let remove: (String) throws -> Void

    /// Writes, then checks a flipped byte, a truncation, an extension and a deletion are all caught.
    func verifiesChecksums(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let payload = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let relativePath = "chk-7/op-1-0.kg"
        let handle = try storage.write(payload, to: relativePath)
        #expect(try storage.read(handle) == payload, sourceLocation: sourceLocation)

        var flipped = payload
        flipped[100] ^= 0x10
        try replace(relativePath, flipped)
        let flipError = expectStateError(.corruptSnapshot, path: errorPath(relativePath), sourceLocation: sourceLocation) {
            _ = try storage.read(handle)
        }
        #expect(flipError?.message.contains("checksum") == true, sourceLocation: sourceLocation)

        try replace(relativePath, Array(payload.prefix(150)))
        expectStateError(.corruptSnapshot, path: errorPath(relativePath), sourceLocation: sourceLocation) {
            _ = try storage.read(handle)
        }
        try replace(relativePath, payload + [0])
        expectStateError(.corruptSnapshot, path: errorPath(relativePath), sourceLocation: sourceLocation) {
            _ = try storage.read(handle)
        }

        try remove(relativePath)
        expectStateError(.missingFile, path: errorPath(relativePath), sourceLocation: sourceLocation) {
            _ = try storage.read(handle)
        }
    }

    /// A handle records the size, checksum and whether the path is shared.
    func recordsHandles(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let exclusive = try storage.write([1, 2, 3], to: "chk-1/a")
        let shared = try storage.write([1, 2, 3], to: "shared/b.sst")
        let empty = try storage.write([], to: "taskowned/c")
        #expect(exclusive.path == "chk-1/a" && exclusive.size == 3 && !exclusive.shared, sourceLocation: sourceLocation)
        #expect(shared.shared && shared.checksum == exclusive.checksum, sourceLocation: sourceLocation)
        #expect(empty.size == 0, sourceLocation: sourceLocation)
        #expect(try storage.read(empty) == [], sourceLocation: sourceLocation)
        // Overwriting a path yields a new handle; the old one no longer matches.
        let rewritten = try storage.write([1, 2, 4], to: "chk-1/a")
        #expect(rewritten.checksum != exclusive.checksum, sourceLocation: sourceLocation)
        expectStateError(.corruptSnapshot, sourceLocation: sourceLocation) { _ = try storage.read(exclusive) }
        // Deleting is idempotent.
        storage.delete(relativePath: "chk-1/a")
        storage.delete(relativePath: "chk-1/a")
        expectStateError(.missingFile, sourceLocation: sourceLocation) { _ = try storage.read(rewritten) }
    }
}
