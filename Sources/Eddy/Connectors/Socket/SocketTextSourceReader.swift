import EddyRuntime

/// Reads lines of text from a TCP server (Flink's `socketTextStream`), one `String` per line.
///
/// Connects on `open`; reads are non-blocking, so a poll with no data returns `.nothingAvailable`.
/// '\r\n' endings are accepted; blank lines are skipped unless `skipBlankLines` is false. Bytes that
/// are not UTF-8 are replaced with U+FFFD. When the peer closes the connection, a last line without
/// '\n' is emitted and the source ends (`.endOfInput`).
///
/// Not parallel: only subtask 0 connects; other subtasks end at once. IPv4 only (see
/// `TCPConnection`). No reconnect: a broken connection fails the task.
///
/// Thread-safety: confined to its task thread.
public final class SocketTextSourceReader: SourceReader {
    public typealias Element = String

    public let host: String
    public let port: Int
    public let connectTimeout: Duration
    public let skipBlankLines: Bool
    /// Lines emitted.
    public let records = SingleWriterCounter()

    private var connection: TCPConnection?
    private var lines: LineBuffer
    private var ended = false
    private var isOpen = false

    /// - Parameters:
    ///   - host: an IPv4 address or `localhost`.
    ///   - chunkSize: bytes per `recv`.
    public init(
        host: String, port: Int, connectTimeout: Duration = .seconds(5), skipBlankLines: Bool = true,
        chunkSize: Int = 1 << 16
    ) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
        self.skipBlankLines = skipBlankLines
        lines = LineBuffer(chunkSize: chunkSize)
    }

    deinit { close() }

    /// Connects (subtask 0 only).
    ///
    /// - Throws: ``ConnectorError`` (`.connect`) naming `host:port`.
    public func open(subtaskIndex: Int, parallelism: Int) throws {
        precondition(!isOpen, "SocketTextSourceReader opened twice")
        isOpen = true
        if subtaskIndex == 0 {
            connection = try TCPConnection.connect(host: host, port: port, timeout: connectTimeout)
        } else {
            ended = true
        }
    }

    public func close() {
        connection?.close()
        connection = nil
    }

    /// Emits up to `budget` lines that have arrived.
    ///
    /// - Throws: ``ConnectorError`` (`.io`) naming `host:port` if the connection breaks.
    public func poll(into output: Output<String>, budget: Int) throws -> SourceStatus {
        precondition(isOpen, "SocketTextSourceReader.poll before open")
        var emitted = 0
        while emitted < budget {
            if ended { return .endOfInput }
            if let line = lines.nextLine() {
                if try emit(line, output) { emitted += 1 }
                continue
            }
            guard let connection else { return .endOfInput }
            let count = try lines.refill { (buffer) throws(ConnectorError) -> Int in
                try connection.receive(into: &buffer)
            }
            if count > 0 { continue }
            if count < 0 { return .nothingAvailable }
            // The peer closed: the rest is the last line.
            close()
            ended = true
            if let line = lines.takeFinalLine(), try emit(line, output) { emitted += 1 }
        }
        return ended ? .endOfInput : .moreAvailable
    }

    private func emit(_ line: ArraySlice<UInt8>, _ output: Output<String>) throws -> Bool {
        if line.isEmpty && skipBlankLines { return false }
        records.increment()
        try output.record(String(decoding: line, as: UTF8.self), nil)
        return true
    }
}
