import EddyCore

/// One tumbling window's count for one key.
public struct WindowCount: Hashable, Sendable, StreamSerializable, CustomStringConvertible {
    public var start: Int64
    public var end: Int64
    public var key: Int64
    public var count: Int64
    public static var streamSerializer: WindowCountSerializer { WindowCountSerializer() }
    public var description: String { "\(start),\(end),\(key),\(count)" }
}

public struct WindowCountSerializer: Serializer {
    public var fixedSize: Int? { 32 }
    public func serialize<W: BinaryWriter>(_ value: WindowCount, to writer: inout W) {
        writer.writeInteger(value.start)
        writer.writeInteger(value.end)
        writer.writeInteger(value.key)
        writer.writeInteger(value.count)
    }
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> WindowCount {
        WindowCount(
            start: try reader.readInteger(Int64.self), end: try reader.readInteger(Int64.self),
            key: try reader.readInteger(Int64.self), count: try reader.readInteger(Int64.self))
    }
}
