/// The error of the memory layer: budget exhaustion and misuse that can be recovered from.
public struct MemoryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A struct over a private enum so codes can be added without breaking users.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: Hashable, Sendable { case budgetExhausted, timedOut, ownerClosed, invalidRequest }
        let value: Value
        /// More segments were asked for than the budget has free, and the caller chose not to wait.
        public static let budgetExhausted = Code(value: .budgetExhausted)
        /// The caller waited for segments and the timeout passed first.
        public static let timedOut = Code(value: .timedOut)
        /// The owner was closed; it can no longer allocate.
        public static let ownerClosed = Code(value: .ownerClosed)
        /// The request can never be met (for example more segments than the whole budget).
        public static let invalidRequest = Code(value: .invalidRequest)
        public var description: String {
            switch value {
            case .budgetExhausted: "budget exhausted"
            case .timedOut: "timed out"
            case .ownerClosed: "owner closed"
            case .invalidRequest: "invalid request"
            }
        }
    }

    public var code: Code
    public var message: String
    /// The owner that asked, when there is one.
    public var owner: String?

    public init(_ code: Code, _ message: String, owner: String? = nil) {
        self.code = code
        self.message = message
        self.owner = owner
    }

    public var description: String {
        "memory error (\(code))" + (owner.map { " for owner '\($0)'" } ?? "") + ": \(message)"
    }
}
