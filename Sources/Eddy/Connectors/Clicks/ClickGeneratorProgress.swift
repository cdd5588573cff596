import EddyCore

/// What a checkpoint keeps of a generator source subtask: subtask `subtask` of `parallelism` had
/// scanned the sequence up to `scanned`, emitting every event `e < scanned` with
/// `e % parallelism == subtask`. Every new subtask receives all old entries (union): an event was
/// emitted before iff the old subtask that owned it had scanned past it, so a restore may change the
/// parallelism.
///
/// Bytes: `"EDGP"`, u8 version = 1, varint count, per entry: varint parallelism, varint subtask,
/// varint scanned.
struct ClickGeneratorProgress: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var parallelism: Int
        var subtask: Int
        var scanned: Int
    }

    var entries: [Entry]

    static let magic = Array("EDGP".utf8)

    func encoded() -> [UInt8] {
        var out = ByteArrayWriter(reservingCapacity: 8 + 12 * entries.count)
        out.writeBytes(Self.magic)
        out.writeByte(1)
        out.writeVarInt(UInt64(entries.count))
        for entry in entries {
            out.writeVarInt(UInt64(entry.parallelism))
            out.writeVarInt(UInt64(entry.subtask))
            out.writeVarInt(UInt64(entry.scanned))
        }
        return out.bytes
    }

    init(entries: [Entry]) { self.entries = entries }

    init(merging states: [[UInt8]]) throws {
        entries = []
        for bytes in states {
            var reader = ByteArrayReader(bytes)
            do {
                guard try reader.readBytes(count: 4) == Self.magic, try reader.readByte() == 1 else {
                    throw ConnectorError(.invalidPosition, "generator progress has a bad header", location: "click-generator")
                }
                for _ in 0..<(try reader.readLength(what: "entries")) {
                    entries.append(Entry(
                        parallelism: Int(try reader.readVarInt()), subtask: Int(try reader.readVarInt()),
                        scanned: Int(try reader.readVarInt())))
                }
            } catch let error as SerializationError {
                throw ConnectorError(.invalidPosition, "generator progress does not parse: \(error)", location: "click-generator")
            }
        }
    }

    /// Where scanning may start: every event below it was emitted by its old owner.
    var resumeIndex: Int { entries.map(\.scanned).min() ?? 0 }

    /// Whether event `index` was emitted before the restore.
    func wasEmitted(_ index: Int) -> Bool {
        entries.contains { $0.subtask == index % $0.parallelism && index < $0.scanned }
    }

    /// The index from which no old subtask had emitted anything.
    var freshIndex: Int { entries.map(\.scanned).max() ?? 0 }
}
