/// The `Encoder` handed to `encode(to:)`. A struct over a node reference, so encoding a nested
/// value allocates no encoder object.
struct EncoderImpl: Encoder {
    /// Where this value's bytes go.
    let node: EncodingNode
    let userInfo: [CodingUserInfoKey: Any]

    init(node: EncodingNode, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.userInfo = userInfo
    }

    init(node: EncodingNode, sharing other: EncoderImpl) {
        self.node = node
        self.userInfo = other.userInfo
    }

    var codingPath: [any CodingKey] { [] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // Keyed fields go straight into this node: no keys, no count.
        KeyedEncodingContainer(KeyedEncoder<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedEncoder(encoder: EncoderImpl(node: node.append(EncodingNode(countPrefixed: true)), sharing: self))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueEncoder(encoder: self)
    }

    /// A sub-encoder whose bytes land at the current position even if written later, for
    /// nested containers and super encoders.
    func nestedEncoder() -> EncoderImpl {
        EncoderImpl(node: node.append(EncodingNode()), sharing: self)
    }

    /// Encodes `value` at the current position: primitives, optionals and dictionaries in the
    /// binary format directly, anything else through its `encode(to:)`.
    ///
    /// Nested values share this node: their containers are used before `encode(to:)` returns,
    /// so their bytes are already in order.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let special = value as? any BinaryEncodingHook {
            try special.encodeBinary(into: self)
        } else {
            try value.encode(to: self)
        }
    }
}

/// Single-value container: writes the value at the encoder's position.
struct SingleValueEncoder: SingleValueEncodingContainer {
    let encoder: EncoderImpl
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() { encoder.node.pending.writeByte(0) }
    mutating func encode(_ value: Bool) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: String) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Double) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Float) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int8) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int16) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int32) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: Int64) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt8) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt16) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt32) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: UInt64) throws { try encoder.encodeValue(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}
