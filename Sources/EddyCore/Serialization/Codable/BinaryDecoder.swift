/// Decodes values written by ``BinaryEncoder``; see there for the format.
///
/// Never trusts its input: truncated or malformed bytes, and inputs nested deeper than
/// ``maximumDepth`` (which would otherwise overflow the stack on recursive types), throw
/// ``SerializationError``. Errors thrown by a type's `init(from:)`, such as `DecodingError` for
/// an unknown enum raw value, are wrapped as `.malformed`, so callers see one error type.
public struct BinaryDecoder: Sendable {
    /// Passed to the types' `init(from:)` as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]
    /// Deepest nesting accepted; every value decoded through its `init(from:)` (struct, class,
    /// array, enum) is one level.
    public var maximumDepth: Int

    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:], maximumDepth: Int = 256) {
        self.userInfo = userInfo
        self.maximumDepth = maximumDepth
    }

    /// Decodes a value that must span exactly `bytes`; trailing bytes are `.malformed`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(SerializationError)
        -> T
    {
        var reader = ByteArrayReader(bytes)
        let value = try decode(type, from: &reader)
        guard reader.isAtEnd else {
            throw SerializationError(
                .malformed,
                "\(reader.remainingBytes) trailing bytes after \(T.self) at offset \(reader.position)")
        }
        return value
    }

    /// Decodes one value from `reader`, leaving it after the value (or where decoding failed).
    public func decode<T: Decodable, R: BinaryReader>(_ type: T.Type, from reader: inout R)
        throws(SerializationError) -> T
    {
        // The reader moves into a shared box for the containers and moves back afterwards.
        let state = DecodingState(reader: reader, userInfo: userInfo, maximumDepth: maximumDepth)
        defer { reader = state.reader }
        do {
            let value = try DecoderImpl(state: state).decodeValue(T.self)
            if let error = state.deferredError { throw error }
            return value
        } catch let error as SerializationError {
            throw error
        } catch let error as DecodingError {
            throw SerializationError(.malformed, "cannot decode \(T.self): \(Self.describe(error))")
        } catch {
            throw SerializationError(.malformed, "cannot decode \(T.self): \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context),
            .keyNotFound(_, let context), .dataCorrupted(let context):
            context.debugDescription
        @unknown default:
            "\(error)"
        }
    }
}
