/// Serializes a `String` as a varint UTF-8 byte length followed by the UTF-8 bytes.
///
/// The length is checked against the bytes left before anything is allocated, and the bytes are
/// validated as UTF-8, so corrupt input throws instead of producing a broken string.
public struct StringSerializer: Serializer {
    public typealias Value = String

    @inlinable
    public init() {}

    @inlinable
    public var fixedSize: Int? { nil }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: String, to writer: inout W) {
        let utf8 = value.utf8
        writer.writeVarInt(UInt64(utf8.count))
        writer.writeBytes(utf8)
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError)
        -> String
    {
        let byteCount = try reader.readLength(what: "string length")
        return try reader.readUTF8String(byteCount: byteCount)
    }
}
