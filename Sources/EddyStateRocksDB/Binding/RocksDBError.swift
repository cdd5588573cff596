import CRocksDB

/// An error reported by RocksDB (or by the binding around it), with the database path it concerns.
///
/// RocksDB reports failures through a `char** errptr` out-parameter holding a `malloc`'d status string
/// such as `"IO error: While opening a file for sequentially reading: /x/CURRENT: Not a directory"`.
/// The binding copies that string into ``message``, frees it with `rocksdb_free` and classifies it into
/// a ``Code`` from its prefix, since the C API exposes no status code.
///
/// Thread-safety: a value type of immutable fields; `Sendable`.
public struct RocksDBError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. A struct over a private enum so that kinds can be added later
    /// without breaking exhaustive `switch`es in callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case open, io, corruption, invalidArgument, other
        }
        private let kind: Kind

        /// The database could not be opened (its directory is missing, unreadable, locked, not a
        /// directory, or has column families that were not asked for). Corruption found while
        /// opening is reported as ``corruption`` instead, since callers must not simply retry it.
        public static let open = Code(kind: .open)
        /// A file-system operation failed (RocksDB's `IO error:` status).
        public static let io = Code(kind: .io)
        /// Stored data failed a checksum or format check (`Corruption:`).
        public static let corruption = Code(kind: .corruption)
        /// RocksDB rejected an argument or option (`Invalid argument:`), or the binding did.
        public static let invalidArgument = Code(kind: .invalidArgument)
        /// Any other status (`Not found:`, `Not implemented:`, `Busy:`, ...).
        public static let other = Code(kind: .other)

        public var description: String {
            switch kind {
            case .open: "open"
            case .io: "io"
            case .corruption: "corruption"
            case .invalidArgument: "invalidArgument"
            case .other: "other"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// RocksDB's status text (or the binding's own explanation).
    public let message: String
    /// The database (or checkpoint) directory the failed operation concerned.
    public let path: String

    public init(code: Code, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String { "RocksDB \(code) error at \(path): \(message)" }

    /// Takes ownership of a RocksDB error string: copies it, frees it and classifies it.
    init(taking errptr: UnsafeMutablePointer<CChar>, path: String, opening: Bool) {
        let message = String(cString: errptr)
        rocksdb_free(errptr)
        self.init(code: Self.classify(message, opening: opening), message: message, path: path)
    }

    /// Maps a `Status::ToString()` text to a code; the prefixes are RocksDB's `Status` code names.
    static func classify(_ message: String, opening: Bool) -> Code {
        if message.hasPrefix("Corruption") { return .corruption }
        if opening { return .open }
        if message.hasPrefix("IO error") { return .io }
        if message.hasPrefix("Invalid argument") { return .invalidArgument }
        return .other
    }

    /// Calls a C function that reports failure through `char** errptr` and throws if it set it.
    ///
    /// The out-parameter lives on the stack, so a successful call allocates nothing here.
    /// - Parameters:
    ///   - path: evaluated only on failure, so callers pay no retain for it on the fast path.
    ///   - opening: whether the call opens the database (see ``Code/open``).
    @inline(__always)
    static func check<R>(
        path: @autoclosure () -> String, opening: Bool = false,
        _ call: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R
    ) throws -> R {
        var errptr: UnsafeMutablePointer<CChar>? = nil
        let result = call(&errptr)
        if let errptr { throw RocksDBError(taking: errptr, path: path(), opening: opening) }
        return result
    }
}
