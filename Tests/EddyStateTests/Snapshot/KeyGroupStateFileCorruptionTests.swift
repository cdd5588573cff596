import EddyCore
@testable import EddyState
import Testing

@Suite("Key-group state file corruption")
struct KeyGroupStateFileCorruptionTests {
    typealias Fixture = KeyGroupStateFileFixture
    static let path = "chk-4/op-0.kg"

    /// Parses every part of the file; returns nil when it parses, or the error it throws.
    static func parseError(_ bytes: [UInt8]) -> Error? {
        do {
            _ = try Fixture.readAll(bytes, path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("every truncation throws corruptSnapshot naming the file")
    func everyTruncation() throws {
        let original = Fixture.write(Fixture.smallEntries, keyGroups: Fixture.smallKeyGroups)
        for length in 0..<original.count {
            let error = Self.parseError(Array(original[..<length]))
            let stateError = error as? StateError
            #expect(stateError?.code == .corruptSnapshot, "cut at \(length): \(String(describing: error))")
            #expect(stateError?.path == Self.path, "cut at \(length)")
        }
    }

    @Test("single-byte flips either throw corruptSnapshot naming the file or parse", arguments: [0xFF, 0x01, 0x80] as [UInt8])
    func byteFlips(mask: UInt8) throws {
        let original = Fixture.write(Fixture.smallEntries, keyGroups: Fixture.smallKeyGroups)
        var parsed = 0
        for position in original.indices {
            var damaged = original
            damaged[position] ^= mask
            guard let error = Self.parseError(damaged) else {
                parsed += 1
                continue
            }
            let stateError = error as? StateError
            #expect(stateError?.code == .corruptSnapshot, "flip at \(position): \(error)")
            #expect(stateError?.path == Self.path, "flip at \(position)")
        }
        // Flips inside payload bytes keep the file well-formed; the storage's checksum catches those.
        #expect(parsed > 0)
    }

    @Test("a huge entry count throws rather than allocating")
    func hugeEntryCount() throws {
        var body = ByteArrayWriter()
        body.writeVarInt(UInt64.max >> 1)
        let bytes = Fixture.raw(blocks: [(keyGroup: 1, body: body.bytes)])
        expectStateError(.corruptSnapshot, path: Self.path) { _ = try Fixture.readAll(bytes, path: Self.path) }
    }

    @Test("a huge chunk length throws", arguments: [UInt64(1) << 40, UInt64(Int.max), UInt64.max])
    func hugeChunkLength(length: UInt64) throws {
        var body = ByteArrayWriter()
        body.writeVarInt(1)  // one entry
        body.writeVarInt(0)  // state 0
        body.writeByte(0)  // no map key
        body.writeVarInt(length)  // key length
        body.writeBytes([1, 2, 3, 4])
        let bytes = Fixture.raw(blocks: [(keyGroup: 1, body: body.bytes)])
        expectStateError(.corruptSnapshot, path: Self.path) { _ = try Fixture.readAll(bytes, path: Self.path) }
    }

    @Test("a state index beyond Int throws rather than trapping")
    func hugeStateIndex() throws {
        var body = ByteArrayWriter()
        body.writeVarInt(1)
        body.writeVarInt(UInt64.max)
        body.writeBytes([0, 0, 0, 0, 0, 0])
        let bytes = Fixture.raw(blocks: [(keyGroup: 1, body: body.bytes)])
        expectStateError(.corruptSnapshot, path: Self.path) { _ = try Fixture.readAll(bytes, path: Self.path) }
    }

    @Test("an index offset beyond Int throws rather than trapping", arguments: [UInt64.max, UInt64(Int.max), UInt64(Int.max) - 3])
    func hugeIndexOffset(offset: UInt64) throws {
        let bytes = Fixture.raw(blocks: [(keyGroup: 1, body: [0])], indexOffsetOverride: offset)
        expectStateError(.corruptSnapshot, path: Self.path) { _ = try Fixture.readAll(bytes, path: Self.path) }
    }

    @Test("a block offset or length beyond Int throws rather than trapping")
    func hugeBlockOffset() throws {
        let original = Fixture.raw(blocks: [(keyGroup: 1, body: [0])])
        // The index holds one block: u32 key group, u64 offset, u64 length, followed by the 16-byte footer.
        let indexStart = original.count - 16 - 20
        for field in [indexStart + 4, indexStart + 12] {
            var damaged = original
            for i in field..<(field + 8) { damaged[i] = 0xFF }
            expectStateError(.corruptSnapshot, path: Self.path) { _ = try Fixture.readAll(damaged, path: Self.path) }
        }
    }

    @Test("an unknown version and a bad magic are rejected")
    func header() throws {
        var bytes = Fixture.write([], keyGroups: [])
        bytes[4] = 3  // 1: full files, 2: delta files
        let error = expectStateError(.corruptSnapshot, path: Self.path) { _ = try Fixture.readAll(bytes, path: Self.path) }
        #expect(error?.message.contains("version") == true)
        bytes[0] = 0
        expectStateError(.corruptSnapshot, path: Self.path) { _ = try Fixture.readAll(bytes, path: Self.path) }
    }
}
