/// Throughput measurements of the spill path, for the benchmark command and for quick checks in
/// tests: each returns bytes per second of uncompressed data, so results compare across content.
public enum SpillFileBenchmark {
    /// One timed run.
    public struct Measurement: Sendable, CustomStringConvertible {
        /// Uncompressed bytes processed.
        public var bytes: Int
        /// Bytes on disk (spill runs) or `bytes` (checksum runs).
        public var storedBytes: Int
        public var seconds: Double
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds / 1_000_000 : 0 }
        public var description: String {
            let ratio = storedBytes > 0 ? Double(bytes) / Double(storedBytes) : 0
            return "\(bytes) bytes in \(seconds) s: \(Int(megabytesPerSecond)) MB/s (ratio \(ratio))"
        }
    }

    /// Writes every segment (whole) to a new spill file at `path`, `rounds` times over, finishes it,
    /// then reads it back.
    /// The file is left at `path` for the caller to inspect or remove.
    public static func spill(
        _ segments: [MemorySegment], rounds: Int = 1, path: String, sync: Bool = false
    ) throws(FileError) -> (write: Measurement, read: Measurement) {
        precondition(!segments.isEmpty, "nothing to spill")
        let clock = ContinuousClock()
        let writeStart = clock.now
        let writer = try SpillFileWriter(path: path, segmentSize: segments[0].size)
        for _ in 0..<rounds {
            for segment in segments { try writer.write(segment) }
        }
        try writer.finish(sync: sync)
        writer.close()
        let write = Measurement(
            bytes: writer.uncompressedBytes, storedBytes: writer.fileBytes, seconds: seconds(clock.now - writeStart))

        let readStart = clock.now
        let reader = try SpillFileReader(path: path)
        let target = MemorySegment(size: reader.segmentSize)
        while try reader.readNext(into: target) != nil {}
        reader.close()
        let read = Measurement(
            bytes: reader.uncompressedBytes, storedBytes: writer.fileBytes, seconds: seconds(clock.now - readStart))
        return (write, read)
    }

    /// CRC-32C over `segment`, `rounds` times.
    public static func crc32c(_ segment: MemorySegment, rounds: Int) -> Measurement {
        let clock = ContinuousClock()
        let start = clock.now
        var sink: UInt32 = 0
        for _ in 0..<rounds {
            sink ^= segment.withUnsafeBytes { CRC32C.checksum($0) }
        }
        let elapsed = seconds(clock.now - start)
        // Keeps the loop from being optimized away.
        if sink == 0x1234_5678 { print("", terminator: "") }
        return Measurement(bytes: segment.size * rounds, storedBytes: segment.size * rounds, seconds: elapsed)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
