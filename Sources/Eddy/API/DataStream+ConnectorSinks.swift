import EddyRuntime
import Foundation

/// Sinks over the connector writers (Flink's `print()`, `FileSink` with CSV or JSON rows, and the
/// test `CollectSink`). File sinks write one file per subtask, `path` with parallelism 1 and
/// `path-<subtask>` otherwise, made visible atomically when the input ends.
extension DataStream {
    /// Prints each element's description on a line of its own, prefixed as Flink does
    /// (``PrintSinkWriter``).
    /// - Parameter printLine: where lines go; standard output by default (tests capture them).
    @discardableResult
    public func print(
        prefix: String? = nil, parallelism: Int? = nil, to printLine: @escaping (String) -> Void = { Swift.print($0) }
    ) -> DataStreamSink {
        sink("print", parallelism: parallelism) { _, _ in PrintSinkWriter<Element>(prefix: prefix, printLine: printLine) }
    }

    /// Writes each element as a CSV row of `fields`, joined with ',' and quoted where needed.
    /// - Parameter header: the first row of every file, if any.
    @discardableResult
    public func writeCSV(
        _ path: String, header: [String]? = nil, parallelism: Int? = nil, fields: @escaping (Element) -> [String]
    ) -> DataStreamSink {
        sink("csv-sink", parallelism: parallelism) { _, _ in
            CSVFileSinkWriter<Element>(path: path, header: header, fields: fields)
        }
    }

    /// Writes each element as the line `row` makes (without '\n'; the caller does any quoting).
    @discardableResult
    public func writeCSV(
        _ path: String, header: [String]? = nil, parallelism: Int? = nil, row: @escaping (Element) -> String
    ) -> DataStreamSink {
        sink("csv-sink", parallelism: parallelism) { _, _ in
            CSVFileSinkWriter<Element>(path: path, header: header, row: row)
        }
    }

    /// Writes each element as the line `row` makes into part files of `directory`, exactly once when
    /// the job checkpoints (``PartFileSinkWriter``: parts become visible as checkpoints complete).
    @discardableResult
    public func writeCSVParts(
        _ directory: String, header: [String]? = nil, parallelism: Int? = nil, row: @escaping (Element) -> String
    ) -> DataStreamSink {
        sink("csv-parts-sink", parallelism: parallelism) { _, _ in
            PartFileSinkWriter<Element>(directory: directory, header: header, row: row)
        }
    }

    /// Writes each element as one line of JSON (JSON Lines), keys sorted unless `makeEncoder` says
    /// otherwise.
    /// - Parameter makeEncoder: one encoder per subtask (must not pretty-print); nil for the default.
    @discardableResult
    public func writeJSONLines(
        _ path: String, parallelism: Int? = nil, makeEncoder: (() -> JSONEncoder)? = nil
    ) -> DataStreamSink where Element: Encodable {
        sink("json-lines-sink", parallelism: parallelism) { _, _ in
            JSONLinesFileSinkWriter<Element>(path: path, encoder: makeEncoder?())
        }
    }

    /// Collects every element into `results`, shared by all subtasks (for tests and examples).
    @discardableResult
    public func collect(into results: CollectedResults<Element>, parallelism: Int? = nil) -> DataStreamSink
    where Element: Sendable {
        sink("collect", parallelism: parallelism) { _, _ in CollectSinkWriter(into: results) }
    }
}
