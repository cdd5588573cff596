/// Where a task is in its life.
public enum TaskState: String, Sendable, Hashable {
    case created, running, finished, failed, cancelled

    public var isTerminal: Bool { self == .finished || self == .failed || self == .cancelled }
}
