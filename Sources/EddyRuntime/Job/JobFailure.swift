/// Why a job failed: the first task failure, with the error a user function or operator threw.
/// Errors thrown by user functions arrive wrapped in ``UserFunctionError``, which carries the
/// record that caused them.
public struct JobFailure: Error, CustomStringConvertible, @unchecked Sendable {  // error is read-only after creation
    public var taskName: String
    public var error: any Error

    public init(taskName: String, error: any Error) {
        self.taskName = taskName
        self.error = error
    }

    public var description: String { "task '\(taskName)' failed: \(error)" }
}

/// An error a user function threw, with the operator and the record it was processing: the job's
/// failure report names both, so the record is never lost.
public struct UserFunctionError: Error, CustomStringConvertible, @unchecked Sendable {  // immutable
    public var operatorName: String
    /// The record, as `String(describing:)`.
    public var record: String
    public var timestamp: Int64?
    public var underlying: any Error

    public init(operatorName: String, record: String, timestamp: Int64?, underlying: any Error) {
        self.operatorName = operatorName
        self.record = record
        self.timestamp = timestamp
        self.underlying = underlying
    }

    public var description: String {
        "user function of '\(operatorName)' threw \(underlying) on record \(record)"
            + (timestamp.map { " (timestamp \($0))" } ?? "")
    }
}
