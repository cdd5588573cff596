import Synchronization

/// What ``CollectSinkWriter``s collected: one box, made by the caller and shared by all subtasks of
/// the sink, read by the test.
///
/// Thread-safety: any thread; every access takes the box's mutex.
public final class CollectedResults<Value: Sendable>: Sendable {
    /// One record as a subtask received it.
    public struct Entry: Sendable {
        public var subtask: Int
        public var value: Value
        public var timestamp: Int64?
    }

    private struct State: Sendable {
        var entries: [Entry] = []
        var finished: Set<Int> = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Everything collected, in the order writes happened (across subtasks: as they interleaved).
    public var entries: [Entry] { state.withLock { $0.entries } }

    /// The collected values, in write order.
    public var values: [Value] { state.withLock { $0.entries.map(\.value) } }

    /// The values subtask `subtask` wrote, in its order.
    public func values(ofSubtask subtask: Int) -> [Value] {
        state.withLock { $0.entries.filter { $0.subtask == subtask }.map(\.value) }
    }

    /// Subtasks whose writer has finished.
    public var finishedSubtasks: Set<Int> { state.withLock { $0.finished } }

    func append(_ value: Value, timestamp: Int64?, subtask: Int) {
        state.withLock { $0.entries.append(Entry(subtask: subtask, value: value, timestamp: timestamp)) }
    }

    func markFinished(subtask: Int) {
        _ = state.withLock { $0.finished.insert(subtask) }
    }
}
