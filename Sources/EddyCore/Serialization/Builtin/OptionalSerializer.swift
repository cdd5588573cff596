/// Serializes an optional as a tag byte, 0 for nil or 1 followed by the wrapped value.
///
/// Other tags are malformed, so every value has one encoding.
public struct OptionalSerializer<WrappedSerializer: Serializer>: Serializer {
    public typealias Value = WrappedSerializer.Value?

    /// Serializer of the wrapped value.
    public let wrapped: WrappedSerializer

    @inlinable
    public init(_ wrapped: WrappedSerializer) {
        self.wrapped = wrapped
    }

    /// Always nil: nil takes one byte, a value one byte more than the wrapped encoding.
    @inlinable
    public var fixedSize: Int? { nil }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: Value, to writer: inout W) {
        if let value {
            writer.writeByte(1)
            wrapped.serialize(value, to: &writer)
        } else {
            writer.writeByte(0)
        }
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError)
        -> Value
    {
        switch try reader.readByte() {
        case 0: return nil
        case 1: return try wrapped.deserialize(from: &reader)
        case let tag: throw SerializationError(.malformed, "optional tag \(tag) is neither 0 nor 1")
        }
    }
}
