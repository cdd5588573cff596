/// A sink's writer in one subtask (Flink's `SinkWriter`).
///
/// Thread-safety: confined to its task thread.
public protocol SinkWriter<Element>: AnyObject {
    associatedtype Element
    func open(subtaskIndex: Int, parallelism: Int) throws
    /// Writes one record.
    func write(_ value: Element, timestamp: Int64?) throws
    /// The input ended: flush and make the output durable.
    func finish() throws
    func close()
}

extension SinkWriter {
    public func open(subtaskIndex: Int, parallelism: Int) throws {}
    public func finish() throws {}
    public func close() {}
}
