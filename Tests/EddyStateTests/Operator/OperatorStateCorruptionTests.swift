import EddyCore
@testable import EddyState
import Testing

@Suite("Operator state corruption")
struct OperatorStateCorruptionTests {
    typealias Fixture = OperatorStateFixture

    static func snapshot(storage: any CheckpointStorage) throws -> [OperatorStateHandle] {
        try Fixture.snapshotAll(try Fixture.subtasks(counts: [3, 2]), storage: storage)
    }

    @Test("a flipped byte on disk throws corruptSnapshot naming the file; nothing is restored")
    func flippedByteOnDisk() throws {
        try TemporaryDirectory.with { root in
            let storage = try LocalCheckpointStorage(root: root.path, jobID: "job")
            let handles = try Self.snapshot(storage: storage)
            let path = storage.absolutePath(handles[1].file.path)
            var bytes = try contentsOfFile(path)
            bytes[bytes.count / 2] ^= 0x04
            try overwriteFile(path, with: bytes)
            for parallelism in 1...2 {
                expectStateError(.corruptSnapshot, path: path) {
                    _ = try Fixture.restoreAll(handles, storage: storage, parallelism: parallelism)
                }
            }
        }
    }

    @Test("a missing file throws missingFile naming it")
    func missingFile() throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Self.snapshot(storage: storage)
        storage.delete(relativePath: handles[0].file.path)
        expectStateError(.missingFile, path: "memory:" + handles[0].file.path) {
            _ = try OperatorStateBackend(restoring: handles, storage: storage, subtaskIndex: 0, parallelism: 1)
        }
    }

    @Test("every truncation and single-byte flip of a file either throws corruptSnapshot naming it or parses")
    func parserNeverCrashes() throws {
        let storage = InMemoryCheckpointStorage()
        let bytes = try storage.read(try Self.snapshot(storage: storage)[0].file)
        let path = "chk-1/op-7-0.opstate"
        for length in 0..<bytes.count {
            expectStateError(.corruptSnapshot, path: path) { _ = try OperatorStateFileReader.read(Array(bytes[..<length]), path: path) }
        }
        var parsed = 0
        for position in bytes.indices {
            for mask: UInt8 in [0xFF, 0x01, 0x80] {
                var damaged = bytes
                damaged[position] ^= mask
                do {
                    _ = try OperatorStateFileReader.read(damaged, path: path)
                    parsed += 1
                } catch let error as StateError {
                    #expect(error.code == .corruptSnapshot && error.path == path, "flip at \(position): \(error)")
                }
            }
        }
        #expect(parsed > 0)  // payload flips stay well-formed; the checksum catches them
    }

    @Test("huge varint counts and lengths throw")
    func hugeLengths() throws {
        for huge in [UInt64(1) << 40, UInt64(Int.max), UInt64.max] {
            var writer = ByteArrayWriter()
            writer.writeBytes(Array("EDOS".utf8))
            writer.writeByte(1)
            writer.writeVarInt(1)
            writer.writeVarInt(1)
            writer.writeBytes(Array("s".utf8))
            writer.writeByte(0)
            writer.writeVarInt(1)
            writer.writeVarInt(huge)  // element length
            writer.writeBytes([1, 2, 3, 4, 5])
            writer.writeBytes(Array("EDOE".utf8))
            expectStateError(.corruptSnapshot, path: "p") { _ = try OperatorStateFileReader.read(writer.bytes, path: "p") }
            var counts = ByteArrayWriter()
            counts.writeBytes(Array("EDOS".utf8))
            counts.writeByte(1)
            counts.writeVarInt(huge)  // state count
            counts.writeBytes(Array("EDOE".utf8))
            expectStateError(.corruptSnapshot, path: "p") { _ = try OperatorStateFileReader.read(counts.bytes, path: "p") }
        }
    }

    @Test("a file that does not match its handle's states is corrupt")
    func handleMismatch() throws {
        let storage = InMemoryCheckpointStorage()
        var handles = try Self.snapshot(storage: storage)
        handles[0].states[0].count += 1
        expectStateError(.corruptSnapshot, path: handles[0].file.path) {
            _ = try OperatorStateBackend(restoring: handles, storage: storage, subtaskIndex: 0, parallelism: 1)
        }
    }

    @Test("two handles of one subtask, or disagreeing modes, are corrupt")
    func inconsistentHandles() throws {
        let storage = InMemoryCheckpointStorage()
        let handles = try Self.snapshot(storage: storage)
        var duplicate = handles[1]
        duplicate.subtaskIndex = 0
        expectStateError(.corruptSnapshot) {
            _ = try OperatorStateBackend(restoring: [handles[0], duplicate], storage: storage, subtaskIndex: 0, parallelism: 1)
        }
        var otherMode = handles[1]
        otherMode.states = otherMode.states.map { .init(name: $0.name, mode: $0.mode == .split ? .union : $0.mode, count: $0.count) }
        expectStateError(.corruptSnapshot, path: otherMode.file.path) {
            _ = try OperatorStateBackend(restoring: [handles[0], otherMode], storage: storage, subtaskIndex: 0, parallelism: 1)
        }
    }
}
