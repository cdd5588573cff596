import EddyCore

/// Bytes as a varint length and the bytes: source positions and sink committables in operator state.
struct ByteArraySerializer: Serializer {
    var fixedSize: Int? { nil }

    func serialize<W: BinaryWriter>(_ value: [UInt8], to writer: inout W) {
        writer.writeVarInt(UInt64(value.count))
        writer.writeBytes(value)
    }

    func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> [UInt8] {
        try reader.readBytes(count: try reader.readLength(what: "byte array length"))
    }
}
