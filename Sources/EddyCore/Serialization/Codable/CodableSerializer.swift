/// A ``Serializer`` for any `Codable` type through ``BinaryEncoder`` and ``BinaryDecoder``; see
/// ``BinaryEncoder`` for the format, in which **field order is the schema**.
///
/// Convenient for user record types; a hand-written serializer avoids the Codable overhead
/// (existential containers, dynamic casts) on hot paths.
public struct CodableSerializer<T: Codable>: Serializer {
    public typealias Value = T

    public let encoder: BinaryEncoder
    public let decoder: BinaryDecoder

    public init(
        _ type: T.Type = T.self, encoder: BinaryEncoder = BinaryEncoder(),
        decoder: BinaryDecoder = BinaryDecoder()
    ) {
        self.encoder = encoder
        self.decoder = decoder
    }

    public var fixedSize: Int? { nil }

    /// Appends the encoding of `value`.
    ///
    /// Traps if `T.encode(to:)` throws: `serialize` cannot fail, and the binary encoder itself
    /// supports every Codable feature on the encoding side, so only a value's own hand-written
    /// `encode(to:)` can throw. Use ``BinaryEncoder`` directly to handle such errors.
    public func serialize<W: BinaryWriter>(_ value: T, to writer: inout W) {
        do {
            try encoder.encode(value, to: &writer)
        } catch {
            preconditionFailure("CodableSerializer<\(T.self)>: \(error)")
        }
    }

    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> T {
        try decoder.decode(T.self, from: &reader)
    }
}
