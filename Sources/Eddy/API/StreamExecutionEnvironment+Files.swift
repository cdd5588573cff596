import EddyCore
import EddyRuntime
import Foundation

/// Sources over the line connectors (Flink's `readTextFile`, `FileSource` with a line format and
/// `socketTextStream`).
///
/// File sources share their files among subtasks as ``FileLineSourceReader`` does (subtask `i` of
/// `P` reads files `i, i + P, …`). A line the parser rejects goes to the side output
/// ``DeadLetter/outputTag`` (take it with `stream.sideOutput(DeadLetter.outputTag)`) and is counted
/// in the source operator's `deadLetters` metric; reading goes on.
extension StreamExecutionEnvironment {
    /// Lines of text files as strings, without their terminators; blank lines are skipped.
    ///
    /// Bytes that are not UTF-8 are replaced with U+FFFD (as the socket source does), so no line
    /// becomes a dead letter.
    /// - Parameters:
    ///   - paths: the files, shared among subtasks.
    ///   - mode: `.bounded`, or `.following(pollInterval:)` to keep reading appended lines.
    ///   - parallelism: subtasks of the source; the environment's default when nil.
    public func readTextLines(
        _ paths: [String], mode: FileReadMode = .bounded, parallelism: Int? = nil, name: String = "text-file"
    ) -> DataStream<String> {
        readLines(paths, parser: TextLineParser(), mode: mode, parallelism: parallelism, name: name, timestamp: nil)
    }

    /// Records parsed from the lines of CSV (or any line-based) files by `parser`.
    /// - Parameters:
    ///   - parser: turns one line into a record or throws ``RecordParseError`` (a dead letter).
    ///   - timestamp: event time of a record, if records carry one.
    public func readCSV<T: StreamSerializable>(
        _ paths: [String], parser: some LineRecordParser<T>, mode: FileReadMode = .bounded,
        parallelism: Int? = nil, name: String = "csv-file", timestamp: ((T) -> Int64?)? = nil
    ) -> DataStream<T> {
        readLines(paths, parser: parser, mode: mode, parallelism: parallelism, name: name, timestamp: timestamp)
    }

    /// The fields of each CSV line as strings (``CSVFieldsParser``).
    /// - Parameter expectedFieldCount: when set, lines with another count are dead letters.
    public func readCSV(
        _ paths: [String], delimiter: Character = ",", expectedFieldCount: Int? = nil, mode: FileReadMode = .bounded,
        parallelism: Int? = nil, name: String = "csv-file"
    ) -> DataStream<[String]> {
        let parser = CSVFieldsParser(delimiter: delimiter, expectedFieldCount: expectedFieldCount)
        return readLines(paths, parser: parser, mode: mode, parallelism: parallelism, name: name, timestamp: nil)
    }

    /// ``Click``s from headerless `user_id,item_id,ts_millis` files, each with its `timestampMillis`
    /// as its event time.
    public func readClicks(
        _ paths: [String], mode: FileReadMode = .bounded, parallelism: Int? = nil, name: String = "clicks"
    ) -> DataStream<Click> {
        readLines(
            paths, parser: ClickCSVRecordParser(), mode: mode, parallelism: parallelism, name: name,
            timestamp: { $0.timestampMillis })
    }

    /// Records decoded from JSON Lines files (one JSON document per line) with `decoder`.
    ///
    /// A line that is not JSON, or does not fit `T`, is a dead letter whose reason names the field.
    /// - Parameter decoder: shared by the subtasks; Foundation's `JSONDecoder` is safe to use from
    ///   several threads as long as it is not reconfigured meanwhile.
    public func readJSONLines<T: Decodable & StreamSerializable>(
        _ paths: [String], as type: T.Type = T.self, mode: FileReadMode = .bounded, parallelism: Int? = nil,
        decoder: JSONDecoder = JSONDecoder(), name: String = "json-lines", timestamp: ((T) -> Int64?)? = nil
    ) -> DataStream<T> {
        readLines(
            paths, parser: JSONLinesParser<T>(decoder: decoder), mode: mode, parallelism: parallelism, name: name,
            timestamp: timestamp)
    }

    /// Lines of text from a TCP server, until it closes the connection (``SocketTextSourceReader``).
    ///
    /// Always one subtask, as in Flink: a second connection would read a different stream.
    /// - Parameters:
    ///   - host: an IPv4 address or `localhost`.
    ///   - connectTimeout: how long `open` waits for the connection before the task fails.
    public func socketTextStream(
        host: String, port: Int, connectTimeout: Duration = .seconds(5), name: String = "socket"
    ) -> DataStream<String> {
        source(name, parallelism: 1) { _, _ in
            SocketTextSourceReader(host: host, port: port, connectTimeout: connectTimeout)
        }
    }

    /// A ``FileLineSourceReader`` source whose dead letters are counted in the operator metrics.
    ///
    /// Built on `addNode` rather than `source(_:parallelism:_:)` because the counting needs the
    /// subtask's metrics, which only the node factory sees.
    private func readLines<T: StreamSerializable, P: LineRecordParser<T>>(
        _ paths: [String], parser: P, mode: FileReadMode, parallelism: Int?, name: String,
        timestamp: ((T) -> Int64?)?
    ) -> DataStream<T> {
        let node = addNode(name: name, makeSource: { context, downstream in
            let reader = FileLineSourceReader(paths: paths, parser: parser, mode: mode, timestamp: timestamp)
            let output = OutputBox<T>.from(downstream, name).output.countingSourceMetrics(context.metrics)
            // The reader is a CheckpointedSourceReader: its file positions go into checkpoints.
            return try SourceDriver.reading(
                reader, into: output, subtaskIndex: context.subtaskIndex, parallelism: context.parallelism, name: name,
                restore: context.restore)
        }, codec: DataStream<T>.codec)
        node.parallelism = parallelism
        return DataStream(self, node)
    }
}

extension Output {
    /// This output with records counted in `recordsOut` and dead letters (the side output
    /// ``DeadLetter/tagName``) in `deadLetters` of `metrics`: the source operator's counters.
    func countingSourceMetrics(_ metrics: OperatorMetrics) -> Output<Element> {
        var output = self
        let record = self.record
        let sideOutput = self.sideOutput
        output.record = { value, timestamp in
            metrics.recordsOut.increment()
            try record(value, timestamp)
        }
        output.sideOutput = { tag, value, timestamp in
            // Dead letters are rare: a string comparison per side-output element is cheap enough.
            if tag == DeadLetter.tagName { metrics.deadLetters.increment() }
            try sideOutput(tag, value, timestamp)
        }
        return output
    }
}

/// A line as a `String`, invalid UTF-8 replaced: never rejects a line.
private struct TextLineParser: LineRecordParser {
    @inline(__always)
    func parse(_ line: ArraySlice<UInt8>) throws(RecordParseError) -> String {
        String(decoding: line, as: UTF8.self)
    }
}
