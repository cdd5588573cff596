import EddyCore

extension Click: StreamSerializable {
    public static var streamSerializer: ClickSerializer { ClickSerializer() }
}

/// Serializes a ``Click`` as its three fields, each a big-endian `Int64`: 24 bytes, fixed.
///
/// Hand-written rather than the Codable bridge: clicks are the hot record type of the examples and
/// benchmarks, and three integer writes specialize to straight stores with no allocation.
public struct ClickSerializer: Serializer {
    public typealias Value = Click

    @inlinable
    public init() {}

    @inlinable
    public var fixedSize: Int? { 24 }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: Click, to writer: inout W) {
        writer.writeInteger(value.userID)
        writer.writeInteger(value.itemID)
        writer.writeInteger(value.timestampMillis)
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> Click {
        let userID = try reader.readInteger(Int64.self)
        let itemID = try reader.readInteger(Int64.self)
        let timestampMillis = try reader.readInteger(Int64.self)
        return Click(userID: userID, itemID: itemID, timestampMillis: timestampMillis)
    }
}
