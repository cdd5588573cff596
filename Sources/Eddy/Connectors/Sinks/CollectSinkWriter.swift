import EddyRuntime

/// Collects records into a shared ``CollectedResults`` box, for tests (Flink's `CollectSink`).
///
/// One lock per record: a test sink, not for throughput.
///
/// Thread-safety: confined to its task thread; the box is shared safely.
public final class CollectSinkWriter<Record: Sendable>: SinkWriter {
    public typealias Element = Record

    public let results: CollectedResults<Record>
    private var subtask = 0

    public init(into results: CollectedResults<Record>) {
        self.results = results
    }

    public func open(subtaskIndex: Int, parallelism: Int) throws {
        subtask = subtaskIndex
    }

    public func write(_ value: Record, timestamp: Int64?) throws {
        results.append(value, timestamp: timestamp, subtask: subtask)
    }

    public func finish() throws {
        results.markFinished(subtask: subtask)
    }
}
