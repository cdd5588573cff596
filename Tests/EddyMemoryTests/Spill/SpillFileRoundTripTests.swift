import EddyMemory
import Foundation
import Testing

@Suite("Spill file round trip")
struct SpillFileRoundTripTests {
    typealias Fixture = SpillFileFixture

    @Test("every content kind at sizes from empty to full reads back identically", arguments: [4096, 32 * 1024])
    func roundTrip(segmentSize: Int) throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("round-trip.spill").path
            let lengths = [0, 1, 2, 7, 100, 1000, segmentSize / 2, segmentSize - 1, segmentSize]
            var blocks: [[UInt8]] = []
            for (i, length) in lengths.enumerated() {
                for (j, content) in Fixture.Content.allCases.enumerated() {
                    blocks.append(Fixture.bytes(content, count: length, seed: UInt64(i * 10 + j)))
                }
            }
            try Fixture.write(blocks, to: path, segmentSize: segmentSize)
            #expect(try Fixture.readAll(path) == blocks)
        }
    }

    @Test("100 full segments spill and read back identically; compressible ones shrink")
    func hundredSegments() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("hundred.spill").path
            let size = MemorySegment.defaultSize
            let kinds = Fixture.Content.allCases
            let blocks = (0..<100).map { Fixture.bytes(kinds[$0 % kinds.count], count: size, seed: UInt64($0)) }
            let writer = try SpillFileWriter(path: path)
            let segment = MemorySegment()
            for block in blocks {
                // One segment reused, as a spilling operator would.
                segment.putBytes(block, at: 0)
                try writer.write(segment)
            }
            try writer.finish(sync: true)
            writer.close()
            #expect(writer.blockCount == 100)
            #expect(writer.uncompressedBytes == 100 * size)

            let fileSize = try Fixture.contents(of: path).count
            #expect(fileSize == writer.fileBytes)
            // A quarter random (stored raw), the rest compressible: well under the raw size.
            #expect(fileSize < 100 * size * 3 / 4)

            let reader = try SpillFileReader(path: path)
            defer { reader.close() }
            #expect(reader.segmentSize == size)
            let target = MemorySegment()
            var index = 0
            while let count = try reader.readNext(into: target) {
                #expect(count == size)
                #expect(target.getBytes(at: 0, count: count) == blocks[index])
                index += 1
            }
            #expect(index == 100)
            #expect(reader.blockCount == 100)
            // The end is sticky.
            #expect(try reader.readNext(into: target) == nil)
        }
    }

    @Test("a file with no blocks has header and footer only")
    func emptySpill() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("empty.spill").path
            try Fixture.write([], to: path, segmentSize: 4096)
            #expect(try Fixture.contents(of: path).count == 16 + 24)
            #expect(try Fixture.readAll(path) == [])
        }
    }

    @Test("a reader accepts segments larger than the file's segment size")
    func largerTargetSegment() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("larger.spill").path
            let block = Fixture.bytes(.text, count: 4096, seed: 3)
            try Fixture.write([block], to: path, segmentSize: 4096)
            let reader = try SpillFileReader(path: path)
            let target = MemorySegment(size: 8192)
            #expect(try reader.readNext(into: target) == 4096)
            #expect(target.getBytes(at: 0, count: 4096) == block)
            #expect(try reader.readNext(into: target) == nil)
        }
    }

    @Test("creating a file in a missing directory is an I/O error naming the path")
    func createFailure() throws {
        let path = "/nonexistent-eddy-dir/\(UUID().uuidString)/x.spill"
        let error = #expect(throws: FileError.self) { try SpillFileWriter(path: path) }
        #expect(error?.code == .io)
        #expect(error?.path == path)
        #expect(error?.underlyingErrno == ENOENT)
        #expect(error?.description.contains(path) == true)
    }
}
