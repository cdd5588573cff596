/// Keyed container: fields in call order, keys dropped (the field order is the schema).
///
/// `encodeIfPresent` is overridden for every type because the protocol's default skips nil
/// fields entirely, which a positional format cannot tell apart from the next field; here nil
/// writes a 0 tag and a value a 1 tag before it.
struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: EncoderImpl
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) { encoder.node.pending.writeByte(0) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.encodeValue(value)
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encoder.encodeValue(value) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try encoder.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.nestedEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder.nestedEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.nestedEncoder() }
}
