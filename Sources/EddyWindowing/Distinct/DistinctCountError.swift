/// The error of the distinct-count (UV) operators: state that cannot be restored, input they cannot
/// count. Memory exhaustion arrives as `MemoryError`, snapshot damage as `FileError` /
/// `SerializationError` naming the file.
public struct DistinctCountError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A struct over a private enum so codes can be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: Hashable, Sendable { case unsupportedRestore, corruptState, missingTimestamp, outOfRange }
        let value: Value
        /// The snapshot is fine but cannot be restored here (another method or windows).
        public static let unsupportedRestore = Code(value: .unsupportedRestore)
        /// The operator's own state in a snapshot does not decode.
        public static let corruptState = Code(value: .corruptState)
        /// A record reached the operator without an event timestamp.
        public static let missingTimestamp = Code(value: .missingTimestamp)
        /// Event time spans more slices than the operator's 32-bit slice offsets hold.
        public static let outOfRange = Code(value: .outOfRange)
        public var description: String {
            switch value {
            case .unsupportedRestore: "unsupported restore"
            case .corruptState: "corrupt state"
            case .missingTimestamp: "missing timestamp"
            case .outOfRange: "out of range"
            }
        }
    }

    public var code: Code
    public var message: String
    /// The operator (`<id>-<name>/<subtask>`) it happened in, when known.
    public var operatorName: String?

    public init(_ code: Code, _ message: String, operatorName: String? = nil) {
        self.code = code
        self.message = message
        self.operatorName = operatorName
    }

    public var description: String {
        "distinct count error (\(code))" + (operatorName.map { " in \($0)" } ?? "") + ": \(message)"
    }
}
