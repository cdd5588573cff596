#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed file operation of the clicks connector; the description names the path and the cause,
/// so a CLI can print it as is ("cannot open 'x.csv' for reading: No such file or directory").
public struct ClickFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file the operation was on.
    public var path: String
    /// What was being done, as a phrase: "open for reading", "write", "fsync", "rename to 'y'".
    public var operation: String
    /// The `errno` of the failure.
    public var code: Int32

    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// An error for `errno` as it is now; call right after the failing system call.
    static func current(path: String, operation: String) -> ClickFileError {
        ClickFileError(path: path, operation: operation, code: errno)
    }

    public var description: String {
        "cannot \(operation) '\(path)': \(String(cString: strerror(code)))"
    }
}
