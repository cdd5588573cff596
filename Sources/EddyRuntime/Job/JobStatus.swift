/// Where a job is: running, or ended one of three ways.
public enum JobStatus: Sendable, CustomStringConvertible {
    case running
    case finished
    case cancelled
    case failed(JobFailure)

    public var isTerminal: Bool {
        if case .running = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .running: "RUNNING"
        case .finished: "FINISHED"
        case .cancelled: "CANCELED"
        case .failed(let failure): "FAILED: \(failure)"
        }
    }
}
