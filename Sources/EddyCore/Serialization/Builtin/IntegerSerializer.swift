/// Serializes any fixed-width integer (`Int8` ... `UInt64`, `Int`, `UInt`) big-endian in exactly
/// `T.bitWidth / 8` bytes.
///
/// Big-endian so that serialized non-negative keys sort like their values (RocksDB prefix and
/// range scans rely on it). `Int` and `UInt` take their platform width, 8 bytes on every platform
/// Eddy supports.
public struct IntegerSerializer<T: FixedWidthInteger>: Serializer {
    public typealias Value = T

    @inlinable
    public init() {}

    @inlinable
    public var fixedSize: Int? { T.bitWidth / 8 }

    @inlinable
    public func serialize<W: BinaryWriter>(_ value: T, to writer: inout W) {
        writer.writeInteger(value)
    }

    @inlinable
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> T {
        try reader.readInteger(T.self)
    }
}
