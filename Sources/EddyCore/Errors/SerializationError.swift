/// The one error of serialization: truncated or malformed bytes. Thrown, never a crash.
public struct SerializationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong; a struct over a private enum so codes can be added without breaking users.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        @usableFromInline enum Value: Hashable, Sendable { case truncated, malformed, unsupported }
        @usableFromInline let value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
        /// The input ended before the value did.
        public static let truncated = Code(.truncated)
        /// The bytes are there but do not form a valid value (bad tag, invalid UTF-8, overflow).
        public static let malformed = Code(.malformed)
        /// The value cannot be encoded in this format (for example a Codable feature it lacks).
        public static let unsupported = Code(.unsupported)
        public var description: String {
            switch value {
            case .truncated: "truncated"
            case .malformed: "malformed"
            case .unsupported: "unsupported"
            }
        }
    }

    public var code: Code
    public var message: String

    @inlinable
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "serialization error (\(code)): \(message)" }
}
