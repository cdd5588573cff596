/// Why a checkpoint failed, or why a job cannot resume from one.
public struct CheckpointError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; a struct over a private enum so codes can be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case declined, timedOut, subsumed, notRunning, completionFailed, jobEnded, restoreMismatch
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// A task could not take its snapshot (the reason names the task and the error).
        public static let declined = Code(.declined)
        /// Not every task acknowledged within the checkpoint timeout.
        public static let timedOut = Code(.timedOut)
        /// A newer checkpoint completed first.
        public static let subsumed = Code(.subsumed)
        /// Some task is not running (it finished, or the job is ending): no barrier can cross the job.
        public static let notRunning = Code(.notRunning)
        /// The completion sink could not make it durable.
        public static let completionFailed = Code(.completionFailed)
        /// The job ended while the checkpoint was in progress.
        public static let jobEnded = Code(.jobEnded)
        /// The checkpoint does not fit the job being deployed from it.
        public static let restoreMismatch = Code(.restoreMismatch)

        public var description: String {
            switch value {
            case .declined: "declined"
            case .timedOut: "timed out"
            case .subsumed: "subsumed"
            case .notRunning: "not running"
            case .completionFailed: "completion failed"
            case .jobEnded: "job ended"
            case .restoreMismatch: "restore mismatch"
            }
        }
    }

    public var code: Code
    public var message: String
    /// The checkpoint concerned, when there is one.
    public var checkpointID: Int64?
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, checkpointID: Int64? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.checkpointID = checkpointID
        self.underlying = underlying
    }

    public var description: String {
        let subject = checkpointID.map { "checkpoint \($0)" } ?? "checkpoint"
        return "\(subject) \(code): \(message)" + (underlying.map { " (\($0))" } ?? "")
    }
}
