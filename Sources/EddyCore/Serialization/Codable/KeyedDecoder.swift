/// Keyed container: reads fields in call order and ignores the keys, mirroring
/// ``KeyedEncoder``. Every key is reported present, and `allKeys` is empty because the format
/// stores none (so types that enumerate keys, like enums with associated values, fail cleanly).
///
/// `decodeNil(forKey:)` consumes the optional tag: true for nil, false when the value follows.
/// The protocol's default `decodeIfPresent` (contains, decodeNil, decode) then matches the
/// tagged encoding written by `encodeIfPresent`.
struct KeyedDecoder<Key: CodingKey, R: BinaryReader>: KeyedDecodingContainerProtocol {
    let decoder: DecoderImpl<R>
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { try decoder.state.readNilTag() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.decodeValue(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.decodeValue(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.decodeValue(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.decodeValue(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.decodeValue(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.decodeValue(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.decodeValue(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.decodeValue(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.decodeValue(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.decodeValue(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.decodeValue(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.decodeValue(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.decodeValue(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.decodeValue(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
        -> KeyedDecodingContainer<NestedKey>
    {
        decoder.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.unkeyedContainer()
    }

    func superDecoder() -> any Decoder { decoder }
    func superDecoder(forKey key: Key) -> any Decoder { decoder }
}
