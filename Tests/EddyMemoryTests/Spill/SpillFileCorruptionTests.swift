import EddyMemory
import Foundation
import Testing

@Suite("Spill file corruption")
struct SpillFileCorruptionTests {
    typealias Fixture = SpillFileFixture

    /// A small file with empty, raw, LZ4 and full blocks, so every kind of region is covered.
    static let smallBlocks: [[UInt8]] = [
        [],
        Fixture.bytes(.random, count: 40, seed: 1),
        Fixture.bytes(.text, count: 300, seed: 2),
        Fixture.bytes(.zeros, count: 4096, seed: 3),
        Fixture.bytes(.halfRandom, count: 64, seed: 4),
    ]

    /// The start of the region (file header, block, footer) holding `offset`.
    static func regionStart(of offset: Int, starts: [Int]) -> Int {
        starts.last { $0 <= offset } ?? 0
    }

    @Test(
        "every single-byte flip anywhere in a small file is caught at its block",
        arguments: [0xFF, 0x01, 0x80] as [UInt8])
    func everyFlipInSmallFile(mask: UInt8) throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("flip.spill").path
            let starts = [0] + (try Fixture.write(Self.smallBlocks, to: path, segmentSize: 4096))
            let original = try Fixture.contents(of: path)
            #expect(try Fixture.readAll(path) == Self.smallBlocks)
            for offset in original.indices {
                var damaged = original
                damaged[offset] ^= mask
                try Fixture.replace(path, with: damaged)
                let error = Fixture.readError(path)
                #expect(error?.code == .corrupt, "flip at \(offset)")
                #expect(error?.path == path)
                #expect(
                    error?.offset == Self.regionStart(of: offset, starts: starts),
                    "flip at \(offset): \(String(describing: error))")
            }
        }
    }

    @Test("flips in headers, data and footer of a 100-segment file are caught at their block")
    func sampledFlipsInLargeFile() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("flip-large.spill").path
            let kinds = Fixture.Content.allCases
            let blocks = (0..<100).map {
                Fixture.bytes(kinds[$0 % kinds.count], count: MemorySegment.defaultSize, seed: UInt64($0))
            }
            let starts = [0] + (try Fixture.write(blocks, to: path, segmentSize: MemorySegment.defaultSize))
            let original = try Fixture.contents(of: path)
            var offsets = Array(0..<16) + Array(original.count - 24..<original.count)
            for block in [1, 2, 3, 4, 50, 100] {
                let start = starts[block], end = starts[block + 1]
                offsets += Array(start..<start + 24) + [start + 24, (start + end) / 2, end - 1]
            }
            for offset in offsets {
                var damaged = original
                damaged[offset] ^= 0x20
                try Fixture.replace(path, with: damaged)
                let error = Fixture.readError(path)
                #expect(error?.code == .corrupt, "flip at \(offset)")
                #expect(error?.path == path)
                #expect(error?.offset == Self.regionStart(of: offset, starts: starts), "flip at \(offset)")
                #expect(error?.description.contains("at byte offset \(error?.offset ?? -1)") == true)
            }
        }
    }

    @Test("LZ4 data that fails to decode is corrupt even with matching CRCs")
    func lz4DecodeError() throws {
        try withForgedBlock { block, data in
            // A literal run that claims more bytes than the block holds.
            for i in data.indices { data[i] = 0xFF }
            _ = block
        } check: { error in
            #expect(error.message.contains("does not decode"))
        }
    }

    @Test("LZ4 data that decodes to fewer bytes than recorded is corrupt")
    func decompressedSizeMismatch() throws {
        try withForgedBlock { block, _ in
            // Claim one more uncompressed byte than LZ4 will produce.
            let recorded = block.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }
            block.withUnsafeMutableBytes { $0.storeBytes(of: recorded + 1, toByteOffset: 8, as: UInt32.self) }
        } check: { error in
            #expect(error.message.contains("decodes to"))
        }
    }

    /// Writes a file whose block 1 is LZ4-compressed, lets `forge` edit that block's header and
    /// data, re-seals both CRCs (so only the semantic checks can fail) and expects a corrupt error
    /// at that block.
    private func withForgedBlock(
        _ forge: (inout [UInt8], inout [UInt8]) -> Void, check: (SpillFileError) -> Void
    ) throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("forged.spill").path
            let blocks = [Fixture.bytes(.random, count: 10, seed: 1), Fixture.bytes(.text, count: 2000, seed: 2)]
            let starts = try Fixture.write(blocks, to: path, segmentSize: 4096)
            var file = try Fixture.contents(of: path)
            let start = starts[1], end = starts[2]
            var header = Array(file[start..<start + 24])
            var data = Array(file[start + 24..<end])
            #expect(header[4] == 1, "block 1 should be LZ4-compressed")
            forge(&header, &data)
            let dataCRC = CRC32C.checksum(data).littleEndian
            withUnsafeBytes(of: dataCRC) { header.replaceSubrange(16..<20, with: $0) }
            let headerCRC = CRC32C.checksum(Array(header[0..<20])).littleEndian
            withUnsafeBytes(of: headerCRC) { header.replaceSubrange(20..<24, with: $0) }
            file.replaceSubrange(start..<end, with: header + data)
            try Fixture.replace(path, with: file)
            let error = try #require(Fixture.readError(path))
            #expect(error.code == .corrupt)
            #expect(error.offset == start)
            #expect(error.path == path)
            check(error)
        }
    }

    @Test("a block dropped from the middle is caught by the footer")
    func droppedBlock() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("dropped.spill").path
            let starts = try Fixture.write(Self.smallBlocks, to: path, segmentSize: 4096)
            var file = try Fixture.contents(of: path)
            file.removeSubrange(starts[2]..<starts[3])
            try Fixture.replace(path, with: file)
            let error = Fixture.readError(path)
            #expect(error?.code == .corrupt)
            #expect(error?.offset == starts.last! - (starts[3] - starts[2]))
            #expect(error?.message.contains("footer") == true)
        }
    }

    @Test("bytes after the footer are corrupt")
    func trailingBytes() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("trailing.spill").path
            let starts = try Fixture.write(Self.smallBlocks, to: path, segmentSize: 4096)
            try Fixture.replace(path, with: try Fixture.contents(of: path) + [0])
            let error = Fixture.readError(path)
            #expect(error?.code == .corrupt)
            #expect(error?.offset == starts.last)
        }
    }

    @Test("empty, garbage, foreign and unreadable files are rejected")
    func notSpillFiles() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("other.spill").path
            try Fixture.replace(path, with: [])
            var error = Fixture.readError(path)
            #expect(error?.code == .truncated)
            #expect(error?.offset == 0)
            #expect(error?.message.contains("empty") == true)

            try Fixture.replace(path, with: Fixture.bytes(.random, count: 1000, seed: 9))
            error = Fixture.readError(path)
            #expect(error?.code == .corrupt)
            #expect(error?.message.contains("magic") == true)

            try Fixture.replace(path, with: Array("EDSP".utf8) + Fixture.bytes(.random, count: 100, seed: 9))
            error = Fixture.readError(path)
            #expect(error?.code == .corrupt)
            #expect(error?.offset == 0)

            try Fixture.replace(path, with: Array("hello, world\n".utf8))
            #expect(Fixture.readError(path)?.code == .truncated)

            error = Fixture.readError(directory.appendingPathComponent("missing.spill").path)
            #expect(error?.code == .io)
            #expect(error?.underlyingErrno == ENOENT)

            // A directory opens read-only on Linux; the read then fails with EISDIR.
            error = Fixture.readError(directory.path)
            #expect(error?.code == .io)
            #expect(error?.path == directory.path)
        }
    }

    @Test("after an error the reader keeps throwing it")
    func stickyError() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("sticky.spill").path
            let starts = try Fixture.write(Self.smallBlocks, to: path, segmentSize: 4096)
            var file = try Fixture.contents(of: path)
            file[starts[2] + 30] ^= 1
            try Fixture.replace(path, with: file)
            let reader = try SpillFileReader(path: path)
            let segment = MemorySegment(size: 4096)
            #expect(try reader.readNext(into: segment) == 0)
            #expect(try reader.readNext(into: segment) == 40)
            let first = #expect(throws: SpillFileError.self) { try reader.readNext(into: segment) }
            let second = #expect(throws: SpillFileError.self) { try reader.readNext(into: segment) }
            #expect(first == second)
        }
    }
}
