/// The reader and bookkeeping shared by one decode call's decoder and containers.
final class DecodingState<R: BinaryReader> {
    var reader: R
    let userInfo: [CodingUserInfoKey: Any]
    let maximumDepth: Int
    var depth = 0
    /// An error found where the protocol cannot throw (`SingleValueDecodingContainer.decodeNil`);
    /// thrown by the next decode, or at the end, so bad input is never silently accepted.
    var deferredError: SerializationError?

    init(reader: R, userInfo: [CodingUserInfoKey: any Sendable], maximumDepth: Int) {
        self.reader = reader
        self.userInfo = userInfo
        self.maximumDepth = maximumDepth
    }

    /// Reads an optional's tag: true for nil (0), false when a value follows (1).
    func readNilTag() throws(SerializationError) -> Bool {
        switch try reader.readByte() {
        case 0: return true
        case 1: return false
        case let tag: throw SerializationError(.malformed, "optional tag \(tag) is neither 0 nor 1")
        }
    }
}

/// The `Decoder` handed to `init(from:)`; every container reads the shared reader in order.
struct DecoderImpl<R: BinaryReader>: Decoder {
    let state: DecodingState<R>

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedDecoder<Key, R>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        // Each element takes at least one byte (zero-sized elements are not supported), which
        // bounds the count by the input size.
        let count = try state.reader.readLength(what: "unkeyed container count")
        return UnkeyedDecoder(decoder: self, total: count)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        SingleValueDecoder(decoder: self)
    }

    /// Decodes a `T` at the current position: primitives, optionals and dictionaries from the
    /// binary format directly, anything else through its `init(from:)`, with a depth limit.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if let error = state.deferredError { throw error }
        if let special = T.self as? any BinaryDecodingHook.Type {
            guard let value = try special.decodeBinary(from: self) as? T else {
                throw SerializationError(.unsupported, "decoding hook of \(T.self) returned another type")
            }
            return value
        }
        guard state.depth < state.maximumDepth else {
            throw SerializationError(.malformed, "values nested deeper than \(state.maximumDepth)")
        }
        state.depth += 1
        defer { state.depth -= 1 }
        return try T(from: self)
    }
}

/// Single-value container: reads the value at the current position.
struct SingleValueDecoder<R: BinaryReader>: SingleValueDecodingContainer {
    let decoder: DecoderImpl<R>
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool {
        // The protocol's decodeNil cannot throw: a bad or missing tag is reported as "not nil"
        // and its error deferred to the next decode.
        do {
            return try decoder.state.readNilTag()
        } catch {
            decoder.state.deferredError = decoder.state.deferredError ?? error
            return false
        }
    }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeValue(type) }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeValue(type) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decodeValue(type) }
    func decode(_ type: Float.Type) throws -> Float { try decoder.decodeValue(type) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeValue(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeValue(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeValue(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeValue(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeValue(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeValue(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeValue(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeValue(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeValue(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeValue(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
