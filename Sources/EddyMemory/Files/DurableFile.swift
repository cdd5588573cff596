#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durable whole-file operations for snapshot storage: a file is written to `path.tmp`, fsync'ed,
/// renamed over `path` and its directory fsync'ed, so after a crash a reader sees the old file or the
/// complete new one. Every write and copy returns the CRC-32C of the bytes; reads verify it.
public enum DurableFile {
    /// Writes `bytes` to `path` durably.
    /// - Returns: the CRC-32C of `bytes`.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileError) -> UInt32 {
        let temporary = path + ".tmp"
        let file = try PosixFile.create(path: temporary)
        do throws(FileError) {
            // Array's closure APIs rethrow untyped errors: carry the typed one out in a Result.
            try bytes.withUnsafeBytes { buffer -> Result<Void, FileError> in
                guard let base = buffer.baseAddress else { return .success(()) }
                return Result { () throws(FileError) in try file.writeAll(base, count: buffer.count, offset: 0) }
            }.get()
            try file.sync(offset: bytes.count)
        } catch {
            file.close()
            unlink(temporary)
            throw error
        }
        file.close()
        try renameOrRemove(temporary, to: path)
        return CRC32C.checksum(bytes)
    }

    /// Copies `source` to `destination` durably, in 1 MiB chunks.
    /// - Returns: the size and CRC-32C of the copied bytes.
    public static func copy(from source: String, to destination: String) throws(FileError) -> (size: Int, checksum: UInt32) {
        let input = try PosixFile.openForReading(path: source)
        defer { input.close() }
        let temporary = destination + ".tmp"
        let output = try PosixFile.create(path: temporary)
        var crc = CRC32C()
        var offset = 0
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        do throws(FileError) {
            while true {
                let n = try input.read(into: chunk, count: 1 << 20, at: offset)
                if n == 0 { break }
                crc.update(UnsafeRawBufferPointer(start: chunk, count: n))
                try output.writeAll(chunk, count: n, offset: offset)
                offset += n
            }
            try output.sync(offset: offset)
        } catch {
            output.close()
            unlink(temporary)
            throw error
        }
        output.close()
        try renameOrRemove(temporary, to: destination)
        return (offset, crc.value)
    }

    /// Reads the whole file.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let file = try PosixFile.openForReading(path: path)
        defer { file.close() }
        let size = try file.size()
        var bytes = [UInt8](repeating: 0, count: size)
        let n = try bytes.withUnsafeMutableBytes { buffer -> Result<Int, FileError> in
            guard let base = buffer.baseAddress else { return .success(0) }
            return Result { () throws(FileError) in try file.read(into: base, count: size, at: 0) }
        }.get()
        guard n == size else {
            throw FileError(.truncated, "file shrank while being read (\(n) of \(size) bytes)", path: path, offset: n, underlyingErrno: nil)
        }
        return bytes
    }

    /// Size and CRC-32C of a file, read in 1 MiB chunks.
    public static func checksum(ofFile path: String) throws(FileError) -> (size: Int, checksum: UInt32) {
        let file = try PosixFile.openForReading(path: path)
        defer { file.close() }
        var crc = CRC32C()
        var offset = 0
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        while true {
            let n = try file.read(into: chunk, count: 1 << 20, at: offset)
            if n == 0 { break }
            crc.update(UnsafeRawBufferPointer(start: chunk, count: n))
            offset += n
        }
        return (offset, crc.value)
    }

    /// Renames the temporary file into place, removing it when the rename fails (the destination is
    /// a directory, the disk went read-only) so failed writes leave no `.tmp` files behind.
    private static func renameOrRemove(_ temporary: String, to destination: String) throws(FileError) {
        do throws(FileError) {
            try rename(temporary, to: destination)
        } catch {
            // After a successful rename only the directory fsync can fail; the name is gone then and
            // unlink is a harmless ENOENT.
            unlink(temporary)
            throw error
        }
    }

    /// Renames atomically and fsyncs the destination's directory so the rename itself is durable.
    public static func rename(_ source: String, to destination: String) throws(FileError) {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        guard result == 0 else {
            throw FileError(.io, "rename from \(source) failed", path: destination, offset: nil, underlyingErrno: errno)
        }
        try syncDirectory(containing: destination)
    }

    /// fsyncs the directory that holds `path`.
    public static func syncDirectory(containing path: String) throws(FileError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw FileError(.io, "cannot open directory to fsync it", path: directory, offset: nil, underlyingErrno: errno)
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw FileError(.io, "fsync of directory failed", path: directory, offset: nil, underlyingErrno: errno)
        }
    }
}
