import EddyRuntime

/// Prints each record's description on its own line (Flink's `PrintSink`), to stdout by default.
///
/// Lines are prefixed as Flink does: `prefix:2> value` with a prefix and parallelism above 1
/// (subtasks counted from 1), `2> value` without a prefix, `prefix> value` with parallelism 1, and
/// the bare value otherwise. For debugging and examples: one `print` per record.
///
/// Thread-safety: confined to its task thread; `print` keeps lines of several subtasks whole.
public final class PrintSinkWriter<Record>: SinkWriter {
    public typealias Element = Record

    public let prefix: String?
    private let describe: (Record) -> String
    private let printLine: (String) -> Void
    /// Everything before the value, fixed by `open`.
    private var linePrefix = ""

    /// - Parameters:
    ///   - describe: the text of a record, `String(describing:)` by default.
    ///   - printLine: where lines go (tests capture them); `print` to stdout by default.
    public init(
        prefix: String? = nil, describe: @escaping (Record) -> String = { String(describing: $0) },
        printLine: @escaping (String) -> Void = { print($0) }
    ) {
        self.prefix = prefix
        self.describe = describe
        self.printLine = printLine
        linePrefix = prefix.map { "\($0)> " } ?? ""
    }

    public func open(subtaskIndex: Int, parallelism: Int) throws {
        switch (prefix, parallelism > 1) {
        case (let prefix?, true): linePrefix = "\(prefix):\(subtaskIndex + 1)> "
        case (nil, true): linePrefix = "\(subtaskIndex + 1)> "
        case (let prefix?, false): linePrefix = "\(prefix)> "
        case (nil, false): linePrefix = ""
        }
    }

    public func write(_ value: Record, timestamp: Int64?) throws {
        printLine(linePrefix + describe(value))
    }
}
