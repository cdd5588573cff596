import EddyCore

/// What a ``PartFileSinkWriter`` subtask keeps in a checkpoint (its committable): the next part
/// number (so no name is reused after a restore) and the part numbers made pending at this barrier.
/// Which checkpoint a committable belongs to is the runtime's to track.
///
/// Bytes: `"EDPF"`, u8 version = 1, u32 subtask, i64 next sequence, varint count, then per pending
/// part its i64 sequence. Operator state files carry the checksum.
struct PartFileSinkState: Sendable, Hashable {
    var subtask: Int
    var nextSequence: Int64
    /// Part numbers of the pending parts.
    var pending: [Int64]

    static let magic = Array("EDPF".utf8)

    func encoded() -> [UInt8] {
        var out = ByteArrayWriter(reservingCapacity: 32 + 8 * pending.count)
        out.writeBytes(Self.magic)
        out.writeByte(1)
        out.writeInteger(UInt32(subtask))
        out.writeInteger(nextSequence)
        out.writeVarInt(UInt64(pending.count))
        for sequence in pending { out.writeInteger(sequence) }
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
            pending = try (0..<count).map { _ in try reader.readInteger(Int64.self) }
        } catch let error as SerializationError {
            throw ConnectorError(.invalidPosition, "part-file sink state does not parse: \(error)", location: sink)
        }
    }

    init(subtask: Int, nextSequence: Int64, pending: [Int64]) {
        self.subtask = subtask
        self.nextSequence = nextSequence
        self.pending = pending
    }
}
