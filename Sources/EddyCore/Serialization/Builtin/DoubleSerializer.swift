/// Serializes a `Double` as its IEEE 754 bit pattern, 8 bytes big-endian.
///
/// The bit pattern, not the numeric value, round-trips: NaN payloads and the sign of zero
/// survive, so equal bytes mean identical values.
public struct DoubleSerializer: Serializer {
    public typealias Value = Double

    @inlinable
    public init() {}

    @inlinable
    public var fixedSize: Int? { 8 }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: Double, to writer: inout W) {
        writer.writeDouble(value)
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError)
        -> Double
    {
        try reader.readDouble()
    }
}
