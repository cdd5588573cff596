/// The error of the windowing layer: records a window operator cannot place, windows that cannot
/// merge, snapshots of window tables that do not verify. Names the operator, record or file involved.
public struct WindowingError: Error, Sendable, CustomStringConvertible {
    /// A struct over a private enum so codes can be added without breaking users.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: Hashable, Sendable { case missingTimestamp, invalidGap, mergeIntoThePast, corruptSnapshot }
        let value: Value
        /// An event-time assigner got a record without a timestamp (assign timestamps first).
        public static let missingTimestamp = Code(value: .missingTimestamp)
        /// A dynamic session gap extractor returned a gap that is not positive.
        public static let invalidGap = Code(value: .invalidGap)
        /// Merging made a window end before the current watermark (or processing time).
        public static let mergeIntoThePast = Code(value: .mergeIntoThePast)
        /// A slicing operator's snapshot failed its checksum or did not parse.
        public static let corruptSnapshot = Code(value: .corruptSnapshot)
        public var description: String {
            switch value {
            case .missingTimestamp: "missing timestamp"
            case .invalidGap: "invalid session gap"
            case .mergeIntoThePast: "window merged into the past"
            case .corruptSnapshot: "corrupt snapshot"
            }
        }
    }

    public var code: Code
    public var message: String
    /// The snapshot file involved, if any.
    public var path: String?
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, path: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying
    }

    public var description: String {
        var text = "windowing error (\(code)): \(message)"
        if let path { text += " [file: \(path)]" }
        if let underlying { text += " (caused by: \(underlying))" }
        return text
    }
}
