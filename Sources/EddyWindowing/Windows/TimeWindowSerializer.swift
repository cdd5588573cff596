import EddyCore

/// Writes a ``TimeWindow`` as two big-endian 64-bit integers (start, end): a state namespace and a
/// timer namespace in snapshots.
public struct TimeWindowSerializer: Serializer {
    @inlinable public init() {}
    @inlinable public var fixedSize: Int? { 16 }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: TimeWindow, to writer: inout W) {
        writer.writeInteger(value.start)
        writer.writeInteger(value.end)
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> TimeWindow {
        let start = try reader.readInteger(Int64.self)
        let end = try reader.readInteger(Int64.self)
        guard start <= end else { throw SerializationError(.malformed, "time window [\(start), \(end)) ends before it starts") }
        return TimeWindow(start: start, end: end)
    }
}

extension TimeWindow: StreamSerializable {
    public static var streamSerializer: TimeWindowSerializer { TimeWindowSerializer() }
}
