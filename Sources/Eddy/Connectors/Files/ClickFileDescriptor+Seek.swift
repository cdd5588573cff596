#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ClickFileDescriptor {
    /// Moves the read position to `offset` bytes from the start (to resume a file source).
    func seek(to offset: Int) throws(ClickFileError) {
        if lseek(fd, off_t(offset), SEEK_SET) < 0 { throw .current(path: path, operation: "seek to \(offset)") }
    }
}
