import EddyCore

extension DeadLetter: StreamSerializable {
    public static var streamSerializer: DeadLetterSerializer { DeadLetterSerializer() }
}

/// Serializes a ``DeadLetter``: `source`, the line number as a varint, `reason`, `raw` (strings as
/// ``StringSerializer`` writes them).
///
/// So dead letters can cross an exchange: a side output is always consumed in another task.
/// Dead letters are rare, so this favours a compact encoding over speed.
public struct DeadLetterSerializer: Serializer {
    public typealias Value = DeadLetter

    @inlinable
    public init() {}

    @inlinable
    public var fixedSize: Int? { nil }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: DeadLetter, to writer: inout W) {
        let strings = StringSerializer()
        strings.serialize(value.source, to: &writer)
        // Line numbers are 1-based; a negative one (never made by the sources) is kept by its bits.
        writer.writeVarInt(UInt64(bitPattern: Int64(value.line)))
        strings.serialize(value.reason, to: &writer)
        strings.serialize(value.raw, to: &writer)
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> DeadLetter {
        let strings = StringSerializer()
        let source = try strings.deserialize(from: &reader)
        let line = Int(Int64(bitPattern: try reader.readVarInt()))
        let reason = try strings.deserialize(from: &reader)
        let raw = try strings.deserialize(from: &reader)
        return DeadLetter(source: source, line: line, reason: reason, raw: raw)
    }
}
