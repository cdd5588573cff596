#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Path-level file operations of the clicks connector (the descriptor-level ones are on
/// `ClickFileDescriptor`).

/// Renames `source` to `destination`, replacing it atomically.
func renameFile(_ source: String, to destination: String) throws(ClickFileError) {
    if rename(source, destination) != 0 {
        throw .current(path: source, operation: "rename to '\(destination)'")
    }
}

/// Removes `path`, ignoring errors: used for cleanup, where the file may already be gone.
func unlinkFile(_ path: String) {
    _ = unlink(path)
}

/// The directory holding `path`: "." for a bare file name, "/" for a file in the root.
func directoryOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
}
