/// Serializes a `Bool` as one byte, 0 or 1.
///
/// Any other byte is rejected as malformed rather than read as `true`, so each value has exactly
/// one encoding and byte-wise key comparison stays equivalent to value comparison.
public struct BoolSerializer: Serializer {
    public typealias Value = Bool

    @inlinable
    public init() {}

    @inlinable
    public var fixedSize: Int? { 1 }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: Bool, to writer: inout W) {
        writer.writeByte(value ? 1 : 0)
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError)
        -> Bool
    {
        switch try reader.readByte() {
        case 0: return false
        case 1: return true
        case let byte: throw SerializationError(.malformed, "bool byte \(byte) is neither 0 nor 1")
        }
    }
}
