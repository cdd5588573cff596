/// Turns values into bytes and back: the per-record encoding of keys, values and state.
///
/// Serializers are generic over the writer and reader, so with a concrete serializer and a
/// concrete writer the per-record path is fully specialized, with no existential or allocation.
/// A serializer is stateless configuration and is shared across tasks, hence `Sendable`.
///
/// Decoding never trusts its input: truncated or malformed bytes throw ``SerializationError``.
public protocol Serializer<Value>: Sendable {
    associatedtype Value
    /// Appends the encoding of `value` to `writer`.
    func serialize<W: BinaryWriter>(_ value: Value, to writer: inout W)
    /// Reads one value from `reader`, leaving it positioned after the value.
    /// - Throws: ``SerializationError`` when the bytes are truncated or malformed.
    func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> Value
    /// Fixed encoded size in bytes, or nil when variable.
    var fixedSize: Int? { get }
}

extension Serializer {
    /// The encoding of `value` as a new byte array; for tests and cold paths.
    @inlinable
    public func serialize(_ value: Value) -> [UInt8] {
        var writer = ByteArrayWriter(reservingCapacity: fixedSize ?? 16)
        serialize(value, to: &writer)
        return writer.bytes
    }

    /// Decodes a value that must span exactly `bytes`.
    /// - Throws: ``SerializationError``; `.malformed` when bytes remain after the value, since
    ///   that means the bytes were written by a different serializer.
    @inlinable
    public func deserialize(_ bytes: [UInt8]) throws(SerializationError) -> Value {
        var reader = ByteArrayReader(bytes)
        let value = try deserialize(from: &reader)
        guard reader.isAtEnd else {
            throw SerializationError(
                .malformed,
                "\(reader.remainingBytes) trailing bytes after the value at offset \(reader.position)")
        }
        return value
    }
}
