/// Segments written to a file and read back as they are: no compression, no checksums, no block
/// headers. The baseline for `eddy bench memory`'s spill figures.
public enum RawSegmentFile {
    /// Writes every segment `rounds` times to `path`, then reads them all back into one segment.
    /// - Returns: seconds of the write and of the read.
    public static func writeAndRead(
        _ segments: [MemorySegment], rounds: Int, path: String
    ) throws(FileError) -> (write: Double, read: Double) {
        let start = monotonicNanoseconds()
        let file = try PosixFile.create(path: path)
        var offset = 0
        for _ in 0..<rounds {
            for segment in segments {
                try file.writeAll(segment.base, count: segment.size, offset: offset)
                offset += segment.size
            }
        }
        file.close()
        let written = monotonicNanoseconds()
        let reader = try PosixFile.openForReading(path: path)
        let target = MemorySegment(size: segments[0].size)
        var position = 0
        while position < offset {
            let n = try reader.read(into: target.base, count: target.size, at: position)
            if n == 0 { break }
            position += n
        }
        reader.close()
        let read = monotonicNanoseconds()
        return (Double(written - start) / 1e9, Double(read - written) / 1e9)
    }
}
