/// The error of the state layer: backend failures, corrupt or missing snapshots, misuse that can be
/// recovered from. Names the state, file or key involved where there is one.
public struct StateError: Error, Sendable, CustomStringConvertible {
    /// A struct over a private enum so codes can be added without breaking users.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: Hashable, Sendable { case backend, corruptSnapshot, missingFile, incompatible, io, invalidState }
        let value: Value
        /// The backend (RocksDB, the file system) failed an operation.
        public static let backend = Code(value: .backend)
        /// A snapshot file failed its checksum or could not be parsed.
        public static let corruptSnapshot = Code(value: .corruptSnapshot)
        /// A file a snapshot refers to is not there.
        public static let missingFile = Code(value: .missingFile)
        /// A restored state does not match the descriptor registered now (kind, TTL, serializer).
        public static let incompatible = Code(value: .incompatible)
        /// Reading or writing checkpoint storage failed.
        public static let io = Code(value: .io)
        /// The state was used in a way it does not allow (no current key, closed backend).
        public static let invalidState = Code(value: .invalidState)
        public var description: String {
            switch value {
            case .backend: "backend failure"
            case .corruptSnapshot: "corrupt snapshot"
            case .missingFile: "missing file"
            case .incompatible: "incompatible state"
            case .io: "I/O error"
            case .invalidState: "invalid use of state"
            }
        }
    }

    public var code: Code
    public var message: String
    /// The file involved, if any.
    public var path: String?
    /// The error underneath (a RocksDBError, a SerializationError, an errno), if any.
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, path: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying
    }

    public var description: String {
        var text = "state error (\(code)): \(message)"
        if let path { text += " [file: \(path)]" }
        if let underlying { text += " (caused by: \(underlying))" }
        return text
    }
}
