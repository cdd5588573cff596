/// Unkeyed container: elements in order into a count-prefixed node; every element, nested
/// container and super encoder counts as one.
struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let encoder: EncoderImpl
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.node.count }

    private func element<T: Encodable>(_ value: T) throws {
        encoder.node.count += 1
        try encoder.encodeValue(value)
    }

    mutating func encodeNil() {
        encoder.node.count += 1
        encoder.node.pending.writeByte(0)
    }

    mutating func encode(_ value: Bool) throws { try element(value) }
    mutating func encode(_ value: String) throws { try element(value) }
    mutating func encode(_ value: Double) throws { try element(value) }
    mutating func encode(_ value: Float) throws { try element(value) }
    mutating func encode(_ value: Int) throws { try element(value) }
    mutating func encode(_ value: Int8) throws { try element(value) }
    mutating func encode(_ value: Int16) throws { try element(value) }
    mutating func encode(_ value: Int32) throws { try element(value) }
    mutating func encode(_ value: Int64) throws { try element(value) }
    mutating func encode(_ value: UInt) throws { try element(value) }
    mutating func encode(_ value: UInt8) throws { try element(value) }
    mutating func encode(_ value: UInt16) throws { try element(value) }
    mutating func encode(_ value: UInt32) throws { try element(value) }
    mutating func encode(_ value: UInt64) throws { try element(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try element(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.node.count += 1
        return encoder.nestedEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.node.count += 1
        return encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.node.count += 1
        return encoder.nestedEncoder()
    }
}
