import EddyCore

/// The number of distinct users of one window: exact or estimated, per the operator's method.
public struct DistinctCountResult: Hashable, Sendable, StreamSerializable, CustomStringConvertible {
    /// Window start, inclusive (ms).
    public var start: Int64
    /// Window end, exclusive (ms).
    public var end: Int64
    public var count: Int64

    public init(start: Int64, end: Int64, count: Int64) {
        self.start = start
        self.end = end
        self.count = count
    }

    public static var streamSerializer: DistinctCountResultSerializer { DistinctCountResultSerializer() }
    /// The CSV row of `eddy run uv`: `window_start_ms,window_end_ms,uv`.
    public var description: String { "\(start),\(end),\(count)" }
}

public struct DistinctCountResultSerializer: Serializer {
    public init() {}
    public var fixedSize: Int? { 24 }
    public func serialize<W: BinaryWriter>(_ value: DistinctCountResult, to writer: inout W) {
        writer.writeInteger(value.start)
        writer.writeInteger(value.end)
        writer.writeInteger(value.count)
    }
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> DistinctCountResult {
        DistinctCountResult(
            start: try reader.readInteger(Int64.self), end: try reader.readInteger(Int64.self),
            count: try reader.readInteger(Int64.self))
    }
}
