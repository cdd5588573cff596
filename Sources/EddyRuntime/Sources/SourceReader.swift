/// A source's reader in one subtask: pulled by its task in small batches, so the task can handle
/// cancellation, checkpoint triggers and flush timeouts between batches (Flink's `SourceReader`).
///
/// Thread-safety: confined to its task thread.
public protocol SourceReader<Element>: AnyObject {
    associatedtype Element
    /// Emits up to `budget` records (with their timestamps, if the source has them) to `output`.
    /// - Returns: whether more is available now, none for the moment, or the input ended.
    func poll(into output: Output<Element>, budget: Int) throws -> SourceStatus
    /// Opens the reader for its subtask (files to read, sockets to connect).
    func open(subtaskIndex: Int, parallelism: Int) throws
    func close()
}

/// What a source poll found.
public enum SourceStatus: Sendable, Hashable {
    /// Poll again at once.
    case moreAvailable
    /// Nothing now (a socket with no data, a file that has not grown): poll again after a short wait.
    case nothingAvailable
    /// The source is bounded and has ended: the task sends the final watermark and finishes.
    case endOfInput
}

extension SourceReader {
    public func open(subtaskIndex: Int, parallelism: Int) throws {}
    public func close() {}
}
