import EddyCore

/// How a barrier travels on an exchange, after its ``ElementTag/barrier`` byte: Int64 checkpoint
/// id, Int64 timestamp, UInt8 kind (``CheckpointOptions/Kind`` in the low bits, bit 7 set when the
/// barrier is unaligned). 17 bytes, so a barrier always fits in one buffer.
extension CheckpointBarrier {
    static let unalignedBit: UInt8 = 0x80
    /// Bytes after the tag.
    static let wireSize = 17

    /// Writes the barrier's payload (not its tag).
    func write<W: BinaryWriter>(to writer: inout W) {
        writer.writeInteger(checkpointID)
        writer.writeInteger(timestampMillis)
        writer.writeByte(options.kind.rawValue | (options.unaligned ? Self.unalignedBit : 0))
    }

    /// Reads a barrier's payload (after its tag).
    /// - Throws: ``SerializationError`` `.malformed` for an unknown kind.
    static func read<R: BinaryReader>(from reader: inout R) throws -> CheckpointBarrier {
        let id = try reader.readInteger(Int64.self)
        let timestamp = try reader.readInteger(Int64.self)
        let byte = try reader.readByte()
        guard let kind = CheckpointOptions.Kind(rawValue: byte & ~unalignedBit) else {
            throw SerializationError(.malformed, "barrier of checkpoint \(id) has unknown kind \(byte)")
        }
        return CheckpointBarrier(
            checkpointID: id, timestampMillis: timestamp,
            options: CheckpointOptions(kind: kind, unaligned: byte & unalignedBit != 0))
    }
}
