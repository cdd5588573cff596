import EddyCore

/// What a ``PartFileSinkWriter`` subtask keeps in a checkpoint: the next part number (so no name is
/// reused after a restore) and its pending parts, each with the checkpoint that prepared it.
///
/// Bytes: `"EDPF"`, u8 version = 1, u32 subtask, i64 next sequence, varint count, then per pending
/// part i64 checkpoint id, i64 sequence. Operator state files carry the checksum.
struct PartFileSinkState: Sendable, Hashable {
    struct Pending: Sendable, Hashable {
        var checkpointID: Int64
        var sequence: Int64
    }

    var subtask: Int
    var nextSequence: Int64
    var pending: [Pending]

    static let magic = Array("EDPF".utf8)

    func encoded() -> [UInt8] {
        var out = ByteArrayWriter(reservingCapacity: 32 + 16 * pending.count)
        out.writeBytes(Self.magic)
        out.writeByte(1)
        out.writeInteger(UInt32(subtask))
        out.writeInteger(nextSequence)
        out.writeVarInt(UInt64(pending.count))
        for part in pending {
            out.writeInteger(part.checkpointID)
            out.writeInteger(part.sequence)
        }
        return out.bytes
    }

    /// - Throws: ``ConnectorError`` (`.invalidPosition`) naming `sink` when the bytes do not parse.
    init(decoding bytes: [UInt8], sink: String) throws {
        var reader = ByteArrayReader(bytes)
        do {
            guard try reader.readBytes(count: 4) == Self.magic, try reader.readByte() == 1 else {
                throw ConnectorError(.invalidPosition, "part-file sink state has a bad header", location: sink)
            }
            subtask = Int(try reader.readInteger(UInt32.self))
            nextSequence = try reader.readInteger(Int64.self)
            let count = try reader.readLength(what: "pending parts")
            pending = try (0..<count).map { _ in
                Pending(checkpointID: try reader.readInteger(Int64.self), sequence: try reader.readInteger(Int64.self))
            }
        } catch let error as SerializationError {
            throw ConnectorError(.invalidPosition, "part-file sink state does not parse: \(error)", location: sink)
        }
    }

    init(subtask: Int, nextSequence: Int64, pending: [Pending]) {
        self.subtask = subtask
        self.nextSequence = nextSequence
        self.pending = pending
    }
}
