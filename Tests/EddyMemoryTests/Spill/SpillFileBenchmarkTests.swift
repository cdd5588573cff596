import EddyMemory
import Foundation
import Testing

/// Prints throughput; skipped unless `EDDY_BENCH` is set, e.g.
/// `EDDY_BENCH=1 swift test -c release --filter SpillFileBenchmarkTests`.
@Suite("Spill file throughput", .enabled(if: ProcessInfo.processInfo.environment["EDDY_BENCH"] != nil))
struct SpillFileBenchmarkTests {
    typealias Fixture = SpillFileFixture

    @Test("CRC-32C, spill write and read MB/s")
    func throughput() throws {
        let random = Fixture.segment(
            size: 1024 * 1024, contents: Fixture.bytes(.random, count: 1024 * 1024, seed: 1))
        print("CRC-32C:", SpillFileBenchmark.crc32c(random, rounds: 256))
        try Fixture.withTemporaryDirectory { directory in
            for content in Fixture.Content.allCases {
                let segments = (0..<64).map {
                    Fixture.segment(
                        size: MemorySegment.defaultSize,
                        contents: Fixture.bytes(content, count: MemorySegment.defaultSize, seed: UInt64($0)))
                }
                let path = directory.appendingPathComponent("bench-\(content).spill").path
                let (write, read) = try SpillFileBenchmark.spill(segments, rounds: 16, path: path)
                print("spill \(content): write \(write); read \(read)")
            }
        }
    }
}
