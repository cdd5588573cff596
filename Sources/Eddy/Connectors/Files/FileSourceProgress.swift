import EddyCore

/// What a checkpoint keeps of a file source subtask: per file it was given, read to the end or
/// how far. Every new subtask receives the progress of all old ones (union), and takes the entries
/// of the files it now reads, so a restore may change the parallelism.
///
/// Bytes: `"EDFP"`, u8 version = 1, varint count, per file: varint file index, u8 finished,
/// varint byte offset, varint line. Operator state files carry the checksum.
public struct FileSourceProgress: Sendable, Hashable {
    /// Files read to their end.
    public var finished: Set<Int> = []
    /// Files read part of the way.
    public var partial: [Int: FileLinePosition] = [:]

    public init(finished: Set<Int> = [], partial: [Int: FileLinePosition] = [:]) {
        self.finished = finished
        self.partial = partial
    }

    static let magic = Array("EDFP".utf8)

    public func encoded() -> [UInt8] {
        var out = ByteArrayWriter(reservingCapacity: 16 + 16 * (finished.count + partial.count))
        out.writeBytes(Self.magic)
        out.writeByte(1)
        out.writeVarInt(UInt64(finished.count + partial.count))
        for file in finished.sorted() {
            out.writeVarInt(UInt64(file))
            out.writeByte(1)
            out.writeVarInt(0)
            out.writeVarInt(0)
        }
        for (file, position) in partial.sorted(by: { $0.key < $1.key }) {
            out.writeVarInt(UInt64(file))
            out.writeByte(0)
            out.writeVarInt(UInt64(position.byteOffset))
            out.writeVarInt(UInt64(position.line))
        }
        return out.bytes
    }

    /// Merges the progress of several old subtasks.
    /// - Throws: ``ConnectorError`` (`.invalidPosition`) naming `source` when bytes do not parse.
    public init(merging states: [[UInt8]], source: String) throws {
        for bytes in states {
            var reader = ByteArrayReader(bytes)
            do {
                guard try reader.readBytes(count: 4) == Self.magic, try reader.readByte() == 1 else {
                    throw ConnectorError(.invalidPosition, "file source progress has a bad header", location: source)
                }
                for _ in 0..<(try reader.readLength(what: "files")) {
                    let file = Int(try reader.readVarInt())
                    let isFinished = try reader.readByte() == 1
                    let offset = Int(try reader.readVarInt())
                    let line = Int(try reader.readVarInt())
                    if isFinished {
                        finished.insert(file)
                    } else {
                        partial[file] = FileLinePosition(fileIndex: file, byteOffset: offset, line: line)
                    }
                }
            } catch let error as SerializationError {
                throw ConnectorError(.invalidPosition, "file source progress does not parse: \(error)", location: source)
            }
        }
        for file in finished { partial[file] = nil }
    }
}
