import EddyCore

/// An element with its timestamp, as windows with an evictor keep them.
public struct TimestampedValue<Value> {
    public var value: Value
    public var timestamp: Int64?

    public init(_ value: Value, timestamp: Int64?) {
        self.value = value
        self.timestamp = timestamp
    }
}

extension TimestampedValue: Equatable where Value: Equatable {}
extension TimestampedValue: Sendable where Value: Sendable {}

/// Writes a ``TimestampedValue``: a flag byte (1 when there is a timestamp), the timestamp, the value.
public struct TimestampedValueSerializer<S: Serializer>: Serializer {
    public let valueSerializer: S

    public init(_ valueSerializer: S) { self.valueSerializer = valueSerializer }

    public var fixedSize: Int? { nil }

    public func serialize<Writer: BinaryWriter>(_ value: TimestampedValue<S.Value>, to writer: inout Writer) {
        if let timestamp = value.timestamp {
            writer.writeByte(1)
            writer.writeInteger(timestamp)
        } else {
            writer.writeByte(0)
        }
        valueSerializer.serialize(value.value, to: &writer)
    }

    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> TimestampedValue<S.Value> {
        let flag = try reader.readByte()
        guard flag <= 1 else { throw SerializationError(.malformed, "timestamp flag \(flag) is neither 0 nor 1") }
        let timestamp = flag == 1 ? try reader.readInteger(Int64.self) : nil
        return TimestampedValue(try valueSerializer.deserialize(from: &reader), timestamp: timestamp)
    }
}
