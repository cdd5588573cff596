import EddyCore

/// The one window of ``GlobalWindows``: every element of a key, forever. It never ends by time
/// (its max timestamp is `Int64.max`), so only a trigger (count, custom) fires it.
public struct GlobalWindow: Window, CustomStringConvertible {
    @inlinable public init() {}
    @inlinable public var maxTimestamp: Int64 { Int64.max }
    public var description: String { "GlobalWindow" }

    @inlinable public static func == (a: GlobalWindow, b: GlobalWindow) -> Bool { true }
    @inlinable public func hash(into hasher: inout Hasher) {}
}

/// Writes a ``GlobalWindow`` as nothing at all.
public struct GlobalWindowSerializer: Serializer {
    @inlinable public init() {}
    @inlinable public var fixedSize: Int? { 0 }
    @inlinable public func serialize<W: BinaryWriter>(_ value: GlobalWindow, to writer: inout W) {}
    @inlinable public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> GlobalWindow {
        GlobalWindow()
    }
}

extension GlobalWindow: StreamSerializable {
    public static var streamSerializer: GlobalWindowSerializer { GlobalWindowSerializer() }
}
