import EddyMemory
import Foundation
import Testing

@Suite("Spill file truncation")
struct SpillFileTruncationTests {
    typealias Fixture = SpillFileFixture

    @Test("a small file cut at every length is truncated, reported at or before the cut")
    func everyLength() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("cut.spill").path
            let blocks = SpillFileCorruptionTests.smallBlocks
            let starts = [0] + (try Fixture.write(blocks, to: path, segmentSize: 4096))
            let original = try Fixture.contents(of: path)
            for length in 0..<original.count {
                try Fixture.replace(path, with: Array(original[..<length]))
                let error = Fixture.readError(path)
                #expect(error?.code == .truncated, "cut at \(length)")
                #expect(error?.path == path)
                // Reported at the region the cut falls in (a cut exactly at a boundary loses the next one).
                let expected = starts.last { $0 <= length } ?? 0
                #expect(error?.offset == expected, "cut at \(length): \(String(describing: error))")
            }
        }
    }

    @Test("a 100-segment file cut at each block boundary, mid-header and mid-block is truncated")
    func blockBoundaries() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("cut-large.spill").path
            let blocks = (0..<100).map {
                Fixture.bytes(
                    $0.isMultiple(of: 3) ? .random : .text, count: MemorySegment.defaultSize, seed: UInt64($0))
            }
            let starts = try Fixture.write(blocks, to: path, segmentSize: MemorySegment.defaultSize)
            let original = try Fixture.contents(of: path)
            var cuts: [(length: Int, region: Int)] = []
            for (i, start) in starts.enumerated() {
                let end = i + 1 < starts.count ? starts[i + 1] : original.count
                for length in [start, start + 12, start + 24, (start + end) / 2, end - 1] where length < original.count {
                    cuts.append((length, start))
                }
            }
            // Only a sample of the cuts reads the whole file back, to keep the test fast in debug builds.
            for (index, cut) in cuts.enumerated() where index % 7 == 0 || cut.region >= starts[95] {
                try Fixture.replace(path, with: Array(original[..<cut.length]))
                let error = Fixture.readError(path)
                #expect(error?.code == .truncated, "cut at \(cut.length)")
                #expect(error?.offset == cut.region, "cut at \(cut.length)")
            }
        }
    }

    @Test("a writer closed without finish leaves a file that reads as truncated")
    func unfinishedWriter() throws {
        try Fixture.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("unfinished.spill").path
            let writer = try SpillFileWriter(path: path, segmentSize: 4096)
            try writer.write(Fixture.segment(size: 4096, contents: [1, 2, 3]), validBytes: 3)
            let end = writer.fileBytes
            writer.close()

            let reader = try SpillFileReader(path: path)
            let segment = MemorySegment(size: 4096)
            #expect(try reader.readNext(into: segment) == 3)
            let error = #expect(throws: SpillFileError.self) { try reader.readNext(into: segment) }
            #expect(error?.code == .truncated)
            #expect(error?.offset == end)
            #expect(error?.message.contains("without a footer") == true)
        }
    }
}
