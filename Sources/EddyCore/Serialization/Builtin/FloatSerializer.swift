/// Serializes a `Float` as its IEEE 754 bit pattern, 4 bytes big-endian; NaN payloads and the
/// sign of zero round-trip.
public struct FloatSerializer: Serializer {
    public typealias Value = Float

    @inlinable
    public init() {}

    @inlinable
    public var fixedSize: Int? { 4 }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: Float, to writer: inout W) {
        writer.writeFloat(value)
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError)
        -> Float
    {
        try reader.readFloat()
    }
}
