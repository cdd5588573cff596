import EddyRuntime
import Foundation

/// Writes records as JSON Lines (one JSON document per line) to one file per subtask, made visible
/// atomically on `finish()`; files are handled as by ``CSVFileSinkWriter``.
///
/// Encodes with Foundation's `JSONEncoder` (sorted keys by default, so output is reproducible).
///
/// Thread-safety: confined to its task thread.
public final class JSONLinesFileSinkWriter<Record: Encodable>: SinkWriter {
    public typealias Element = Record

    public let basePath: String
    public let bufferCapacity: Int
    public private(set) var recordsWritten = 0
    /// The subtask's final path, once opened.
    public private(set) var path: String?

    private let encoder: JSONEncoder
    private var file: InProgressFile?

    /// - Parameter encoder: its `outputFormatting` must not include `.prettyPrinted` (one line each).
    public init(path: String, encoder: JSONEncoder? = nil, bufferCapacity: Int = 1 << 20) {
        basePath = path
        self.bufferCapacity = bufferCapacity
        if let encoder {
            precondition(!encoder.outputFormatting.contains(.prettyPrinted), "JSON Lines need one line per record")
            self.encoder = encoder
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            self.encoder = encoder
        }
    }

    deinit { file?.abandon() }

    public func open(subtaskIndex: Int, parallelism: Int) throws {
        precondition(file == nil, "JSONLinesFileSinkWriter opened twice")
        let path = InProgressFile.path(base: basePath, subtaskIndex: subtaskIndex, parallelism: parallelism)
        file = try InProgressFile(path: path, bufferCapacity: bufferCapacity)
        self.path = path
    }

    /// - Throws: `EncodingError` for values JSON cannot hold (non-finite doubles), ``ClickFileError``.
    public func write(_ value: Record, timestamp: Int64?) throws {
        guard let file else { preconditionFailure("JSONLinesFileSinkWriter.write before open or after finish") }
        try file.appendLine(bytes: try encoder.encode(value))
        recordsWritten += 1
    }

    public func finish() throws {
        guard let file else { preconditionFailure("JSONLinesFileSinkWriter.finish before open or twice") }
        self.file = nil
        try file.commit()
    }

    public func close() {
        file?.abandon()
        file = nil
    }
}
