/// Serializes an array as a varint element count followed by each element.
///
/// The count is checked against the bytes left before the array is reserved: each element takes
/// at least its fixed size, or at least one byte when variable. Element serializers whose values
/// encode to zero bytes are therefore not supported (a count above the bytes left is rejected).
public struct ArraySerializer<ElementSerializer: Serializer>: Serializer {
    public typealias Value = [ElementSerializer.Value]

    /// Serializer of each element.
    public let element: ElementSerializer

    @inlinable
    public init(_ element: ElementSerializer) {
        self.element = element
    }

    @inlinable
    public var fixedSize: Int? { nil }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: Value, to writer: inout W) {
        writer.writeVarInt(UInt64(value.count))
        for item in value {
            element.serialize(item, to: &writer)
        }
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError)
        -> Value
    {
        let count = try reader.readLength(
            minimumElementSize: max(element.fixedSize ?? 1, 1), what: "array count")
        // Safe to reserve: the count is bounded by the input size.
        var result: Value = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            result.append(try element.deserialize(from: &reader))
        }
        return result
    }
}
