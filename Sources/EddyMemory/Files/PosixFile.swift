#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX file descriptor with the path kept for error messages. Every call retries on `EINTR`
/// and loops over short transfers, so callers see all-or-error (or a short read only at end of file).
struct PosixFile {
    let descriptor: Int32
    let path: String

    /// Creates (or truncates) `path` for writing.
    static func create(path: String) throws(FileError) -> PosixFile {
        try open(path: path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, what: "create")
    }

    /// Opens `path` for reading.
    static func openForReading(path: String) throws(FileError) -> PosixFile {
        try open(path: path, flags: O_RDONLY | O_CLOEXEC, what: "open")
    }

    private static func open(path: String, flags: Int32, what: String) throws(FileError) -> PosixFile {
        while true {
            #if canImport(Glibc)
            let fd = Glibc.open(path, flags, 0o644)
            #else
            let fd = Darwin.open(path, flags, 0o644)
            #endif
            if fd >= 0 { return PosixFile(descriptor: fd, path: path) }
            if errno == EINTR { continue }
            throw FileError(.io, "cannot \(what) file", path: path, offset: nil, underlyingErrno: errno)
        }
    }

    /// Writes all `count` bytes at the current position; `offset` is that position, for errors.
    func writeAll(_ bytes: UnsafeRawPointer, count: Int, offset: Int) throws(FileError) {
        var done = 0
        while done < count {
            let n = write(descriptor, bytes + done, count - done)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                // write(2) returning 0 for a non-zero count should not happen; treat it as no space.
                let code = n < 0 ? errno : ENOSPC
                throw FileError(.io, "write failed", path: path, offset: offset + done, underlyingErrno: code)
            }
        }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at end of file.
    /// - Returns: the number of bytes read.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(FileError) -> Int {
        var done = 0
        while done < count {
            let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw FileError(.io, "read failed", path: path, offset: offset + done, underlyingErrno: errno)
            }
        }
        return done
    }

    /// The file's current size in bytes.
    func size() throws(FileError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileError(.io, "fstat failed", path: path, offset: nil, underlyingErrno: errno)
        }
        return Int(status.st_size)
    }

    /// Flushes written data to stable storage.
    func sync(offset: Int) throws(FileError) {
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw FileError(.io, "fsync failed", path: path, offset: offset, underlyingErrno: errno)
        }
    }

    /// Closes the descriptor. Errors are ignored: after `close(2)` fails the descriptor is gone
    /// anyway, and writers that need durability call ``sync(offset:)`` first.
    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }
}
