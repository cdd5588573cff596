/// Encodes any `Encodable` value in Eddy's compact binary format; the counterpart of
/// ``BinaryDecoder``.
///
/// The format carries no keys and no type information:
/// - Keyed containers (structs, classes) write their fields in encoding order, without keys.
///   **The field order is the schema**: reordering, adding or removing stored properties changes
///   the format, and a type's `init(from:)` must decode fields in the order `encode(to:)` wrote
///   them (synthesized conformances do).
/// - Unkeyed containers (arrays, sets) write a varint element count, then the elements.
/// - Optionals write a tag byte, 0 for nil or 1 followed by the value; `encodeNil` writes the 0
///   tag. Hand-written code that calls `encodeNil()` on one path must encode the value as an
///   Optional (or with `encodeIfPresent`) on the other, so that the 1 tag is written too.
/// - Integers are big-endian fixed width (`Int` and `UInt` as 8 bytes), `Float` and `Double`
///   their bit patterns, `Bool` one byte 0 or 1, `String` a varint UTF-8 length and the bytes.
/// - Dictionaries write a varint count and key-value pairs, sorted by the encoded key bytes so
///   equal dictionaries encode identically.
/// - Enums with raw values encode their raw value. Enums with associated values are **not
///   supported**: their synthesized conformance needs the keys this format omits, so they encode
///   but fail to decode.
///
/// Errors are ``SerializationError`` only: an error thrown by a value's `encode(to:)` is wrapped
/// as `.unsupported`. Coding paths are not tracked (always empty), to keep encoding cheap.
///
/// Codable is the convenient path; hand-written ``Serializer``s are faster on per-record paths.
public struct BinaryEncoder: Sendable {
    /// Passed to the values' `encode(to:)` as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// The encoding of `value` as a new byte array.
    public func encode<T: Encodable>(_ value: T) throws(SerializationError) -> [UInt8] {
        try encodeTree(value).flattened()
    }

    /// Appends the encoding of `value` to `writer`. Nothing is written when encoding throws.
    public func encode<T: Encodable, W: BinaryWriter>(_ value: T, to writer: inout W)
        throws(SerializationError)
    {
        try encodeTree(value).write(to: &writer)
    }

    private func encodeTree<T: Encodable>(_ value: T) throws(SerializationError) -> EncodingNode {
        let root = EncodingNode()
        do {
            try EncoderImpl(node: root, userInfo: userInfo).encodeValue(value)
        } catch let error as SerializationError {
            throw error
        } catch {
            throw SerializationError(.unsupported, "cannot encode \(T.self): \(error)")
        }
        return root
    }
}
