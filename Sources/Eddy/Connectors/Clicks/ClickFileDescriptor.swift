#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file calls the clicks connector needs, with `EINTR` retried and errors thrown as
/// `ClickFileError` naming the path.
///
/// POSIX rather than `FileHandle` because the writer needs `fsync` on the file and on its directory
/// for a durable rename, and because reading into a reused array avoids a `Data` per chunk.
struct ClickFileDescriptor {
    let fd: Int32
    let path: String

    /// Opens `path` for reading.
    static func openForReading(_ path: String) throws(ClickFileError) -> ClickFileDescriptor {
        let fd = retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC) }
        if fd < 0 { throw .current(path: path, operation: "open for reading") }
        return ClickFileDescriptor(fd: fd, path: path)
    }

    /// Creates or truncates `path` for writing.
    static func createForWriting(_ path: String) throws(ClickFileError) -> ClickFileDescriptor {
        let fd = retryingInterrupts { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        if fd < 0 { throw .current(path: path, operation: "create") }
        return ClickFileDescriptor(fd: fd, path: path)
    }

    /// Reads up to `buffer.count` bytes into the start of `buffer`; returns how many, 0 at end of file.
    func read(into buffer: inout [UInt8]) throws(ClickFileError) -> Int {
        let capacity = buffer.count
        let count = retryingInterrupts { systemRead(fd, &buffer, capacity) }
        if count < 0 { throw .current(path: path, operation: "read") }
        return count
    }

    /// Writes the first `count` bytes of `bytes`, looping over short writes.
    func write(_ bytes: [UInt8], count: Int) throws(ClickFileError) {
        var written = retryingInterrupts { systemWrite(fd, bytes, count) }
        if written < 0 { throw .current(path: path, operation: "write") }
        // Short writes are rare on regular files; copying the rest keeps the hot path free of offsets.
        while written < count {
            let rest = Array(bytes[written..<count])
            let more = retryingInterrupts { systemWrite(fd, rest, rest.count) }
            if more < 0 { throw .current(path: path, operation: "write") }
            written += more
        }
    }

    /// Forces written data to stable storage.
    func sync() throws(ClickFileError) {
        if retryingInterrupts({ fsync(fd) }) != 0 { throw .current(path: path, operation: "fsync") }
    }

    /// Closes the descriptor. Not retried on `EINTR`: on Linux the descriptor is gone either way.
    func close() throws(ClickFileError) {
        if systemClose(fd) != 0 { throw .current(path: path, operation: "close") }
    }

    /// Makes a rename inside `directory` durable (the rename is an update of the directory).
    static func syncDirectory(_ directory: String) throws(ClickFileError) {
        let dir = try openForReading(directory)
        defer { try? dir.close() }
        try dir.sync()
    }
}

/// Calls `body` again while it fails with `EINTR` (a signal arrived mid-call).
@inline(__always)
func retryingInterrupts<T: BinaryInteger>(_ body: () -> T) -> T {
    while true {
        let result = body()
        if result >= 0 || errno != EINTR { return result }
    }
}

// Unqualified `read`/`write`/`close` inside the struct would resolve to its own methods.
@inline(__always) private func systemRead(_ fd: Int32, _ buffer: inout [UInt8], _ count: Int) -> Int {
    read(fd, &buffer, count)
}
@inline(__always) private func systemWrite(_ fd: Int32, _ bytes: [UInt8], _ count: Int) -> Int {
    write(fd, bytes, count)
}
@inline(__always) private func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}
