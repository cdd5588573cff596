/// Unkeyed container: reads the count written by ``UnkeyedEncoder`` and then that many elements;
/// reading past the count throws instead of running into the next field's bytes.
struct UnkeyedDecoder<R: BinaryReader>: UnkeyedDecodingContainer {
    let decoder: DecoderImpl<R>
    let total: Int
    private(set) var currentIndex = 0

    init(decoder: DecoderImpl<R>, total: Int) {
        self.decoder = decoder
        self.total = total
    }

    var codingPath: [any CodingKey] { [] }
    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }

    private mutating func advance() throws(SerializationError) {
        guard currentIndex < total else {
            throw SerializationError(.malformed, "read past the \(total) elements of an unkeyed container")
        }
        currentIndex += 1
    }

    private mutating func element<T: Decodable>(_ type: T.Type) throws -> T {
        try advance()
        return try decoder.decodeValue(type)
    }

    /// Consumes the optional tag; the index advances only for nil, since for a value the
    /// following decode call reads (and counts) the element.
    mutating func decodeNil() throws -> Bool {
        guard currentIndex < total else { try advance(); return false }
        let isNil = try decoder.state.readNilTag()
        if isNil { currentIndex += 1 }
        return isNil
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try element(type) }
    mutating func decode(_ type: String.Type) throws -> String { try element(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try element(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try element(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try element(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try element(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try element(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try element(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try element(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try element(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try element(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try element(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try element(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try element(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try element(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try advance()
        return decoder.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try advance()
        return try decoder.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try advance()
        return decoder
    }
}
