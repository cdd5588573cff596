/// A failure of a connector that is not a plain file error (those are ``ClickFileError``, naming the
/// path): a connection that could not be made or broke, or a resume position that does not fit.
///
/// In the style of swift-nio's `FileSystemError`: a `code` (a struct over a private enum, so codes
/// can be added), a `message`, where it happened, and the underlying error if there was one. The
/// description names everything, so a CLI can print it as is.
public struct ConnectorError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case connect, io, invalidPosition }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// A connection could not be established (refused, unreachable, timed out, unknown host).
        public static let connect = Code(.connect)
        /// Reading from an established connection failed.
        public static let io = Code(.io)
        /// A resume position does not belong to this reader's files.
        public static let invalidPosition = Code(.invalidPosition)
        public var description: String {
            switch value {
            case .connect: "connect"
            case .io: "io"
            case .invalidPosition: "invalid position"
            }
        }
    }

    public var code: Code
    /// What went wrong, as a sentence fragment: "connection refused".
    public var message: String
    /// Where: `host:port` for sockets, the path for files.
    public var location: String
    /// The `errno` behind the failure, when a system call failed.
    public var systemErrorCode: Int32?

    public init(_ code: Code, _ message: String, location: String, systemErrorCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.systemErrorCode = systemErrorCode
    }

    public var description: String { "connector error (\(code)) at \(location): \(message)" }
}
