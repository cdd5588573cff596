import EddyMemory
import Foundation

/// Helpers shared by the spill file tests: temp directories, segment contents, whole-file reads.
enum SpillFileFixture {
    /// Runs `body` with a fresh directory under the system temp directory, removed afterwards.
    static func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("eddy-spill-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Kinds of segment content: incompressible, compressible, and mixtures of both.
    enum Content: CaseIterable {
        case random, zeros, text, halfRandom
    }

    /// `count` bytes of `content`, deterministic for a seed.
    static func bytes(_ content: Content, count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        switch content {
        case .random:
            return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        case .zeros:
            return [UInt8](repeating: 0, count: count)
        case .text:
            let words = ["stream ", "window ", "key=", "42 ", "watermark ", "\n"].map { Array($0.utf8) }
            var out: [UInt8] = []
            out.reserveCapacity(count + 16)
            while out.count < count { out += words[Int(generator.next() % UInt64(words.count))] }
            return Array(out.prefix(count))
        case .halfRandom:
            let half = count / 2
            return bytes(.random, count: half, seed: seed) + bytes(.zeros, count: count - half, seed: seed)
        }
    }

    /// A segment of `size` whose first bytes are `contents`; the rest is filled with 0xEE so a reader
    /// that returns too many bytes is noticed.
    static func segment(size: Int, contents: [UInt8]) -> MemorySegment {
        let segment = MemorySegment(size: size)
        segment.fill(0xEE)
        segment.putBytes(contents, at: 0)
        return segment
    }

    /// Writes one block per element of `blocks`, finishes, and returns each block's start offset
    /// followed by the footer's.
    @discardableResult
    static func write(_ blocks: [[UInt8]], to path: String, segmentSize: Int) throws -> [Int] {
        let writer = try SpillFileWriter(path: path, segmentSize: segmentSize)
        defer { writer.close() }
        var starts: [Int] = []
        for block in blocks {
            starts.append(writer.fileBytes)
            try writer.write(segment(size: segmentSize, contents: block), validBytes: block.count)
        }
        starts.append(writer.fileBytes)
        try writer.finish()
        return starts
    }

    /// Reads every block of the file at `path`, through the footer.
    static func readAll(_ path: String) throws(FileError) -> [[UInt8]] {
        let reader = try SpillFileReader(path: path)
        defer { reader.close() }
        let segment = MemorySegment(size: reader.segmentSize)
        var blocks: [[UInt8]] = []
        while let count = try reader.readNext(into: segment) {
            blocks.append(segment.getBytes(at: 0, count: count))
        }
        return blocks
    }

    /// The error reading `path` throws, or `nil` when it reads cleanly.
    static func readError(_ path: String) -> FileError? {
        do {
            _ = try readAll(path)
            return nil
        } catch {
            return error
        }
    }

    static func contents(of path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func replace(_ path: String, with bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
