/// Reads headerless `user_id,item_id,ts_millis` CSV rows, as `ClickCSVWriter` writes them.
///
/// Reads large chunks into one reused array and parses digits straight from the bytes, so a good row
/// costs no allocation. Bad rows never stop the read: each becomes a `DeadLetter` (file, 1-based line,
/// reason naming the field, raw text). Accepts '\r\n' line ends, skips blank lines, and accepts a
/// last line without a newline.
public struct ClickCSVReader: Sendable {
    /// The file to read.
    public let path: String
    /// Bytes per `read` system call.
    public let chunkSize: Int

    public init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = Swift.max(chunkSize, 1)
    }

    /// Calls `body` with each good click in file order and `deadLetter` with each malformed line.
    ///
    /// - Throws: `ClickFileError` naming the path when the file cannot be opened or read, and
    ///   whatever `body` throws (which stops the read).
    @discardableResult
    public func forEach(
        _ body: (Click) throws -> Void, deadLetter: (DeadLetter) -> Void
    ) throws -> ClickReadStats {
        let file = try ClickFileDescriptor.openForReading(path)
        defer { try? file.close() }
        var stats = ClickReadStats()
        var line = 0

        func handle(_ bytes: [UInt8], _ start: Int, _ end: Int) throws {
            line += 1
            switch ClickCSVLineParser.parse(bytes, from: start, to: end) {
            case .click(let click):
                stats.records += 1
                try body(click)
            case .blank:
                stats.blankLines += 1
            case .malformed(let reason):
                stats.deadLetters += 1
                var rawEnd = end
                if rawEnd > start && bytes[rawEnd - 1] == UInt8(ascii: "\r") { rawEnd -= 1 }
                let raw = String(decoding: bytes[start..<rawEnd], as: UTF8.self)
                deadLetter(DeadLetter(source: path, line: line, reason: reason, raw: raw))
            }
        }

        var chunk = [UInt8](repeating: 0, count: chunkSize)
        // The start of a line that continues into the next chunk; usually empty or a few bytes.
        var carry: [UInt8] = []
        while true {
            let count = try file.read(into: &chunk)
            if count == 0 { break }
            stats.bytes += count
            var lineStart = 0
            var position = 0
            while position < count {
                if chunk[position] == UInt8(ascii: "\n") {
                    if carry.isEmpty {
                        try handle(chunk, lineStart, position)
                    } else {
                        carry.append(contentsOf: chunk[lineStart..<position])
                        try handle(carry, 0, carry.count)
                        carry.removeAll(keepingCapacity: true)
                    }
                    lineStart = position + 1
                }
                position += 1
            }
            carry.append(contentsOf: chunk[lineStart..<count])
        }
        // A last line without '\n' is still a line.
        if !carry.isEmpty { try handle(carry, 0, carry.count) }
        return stats
    }

    /// Everything `forEach` would deliver, collected: for tests and small files.
    public func readAll() throws -> (clicks: [Click], deadLetters: [DeadLetter], stats: ClickReadStats) {
        var clicks: [Click] = []
        var deadLetters: [DeadLetter] = []
        let stats = try forEach({ clicks.append($0) }, deadLetter: { deadLetters.append($0) })
        return (clicks, deadLetters, stats)
    }
}
