import EddyCore
import Testing

/// Shared checks every serializer must pass; each helper records Swift Testing issues at the
/// caller's source location.
enum SerializerChecks {
    /// Encodes and decodes `value`, checking the encoded size against `fixedSize` when set.
    static func roundTrip<S: Serializer>(
        _ serializer: S, _ value: S.Value, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> S.Value {
        let bytes = serializer.serialize(value)
        if let size = serializer.fixedSize {
            #expect(bytes.count == size, sourceLocation: sourceLocation)
        }
        return try serializer.deserialize(bytes)
    }

    /// Every proper prefix of the encoding of `value` must throw `.truncated`.
    static func everyTruncationThrows<S: Serializer>(
        _ serializer: S, _ value: S.Value, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let bytes = serializer.serialize(value)
        for length in 0..<bytes.count {
            var reader = ByteArrayReader(Array(bytes[..<length]))
            do {
                _ = try serializer.deserialize(from: &reader)
                Issue.record("prefix of \(length) bytes decoded", sourceLocation: sourceLocation)
            } catch {
                #expect(error.code == .truncated, "prefix of \(length) bytes", sourceLocation: sourceLocation)
            }
        }
    }

    /// Random inputs must throw or return, never trap; a crash fails the whole test process.
    static func fuzz<S: Serializer>(_ serializer: S, seed: UInt64, iterations: Int = 2000, maxLength: Int = 24) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<iterations {
            let input = random.bytes(maxLength: maxLength)
            _ = try? serializer.deserialize(input)
            var reader = ByteArrayReader(input)
            _ = try? serializer.deserialize(from: &reader)
        }
    }

    /// A varint length prefix of `length` followed by a few bytes: must throw `.truncated`
    /// before reserving memory for `length` elements (reserving would abort the process).
    static func hugeLengthThrows<S: Serializer>(
        _ serializer: S, prefix: [UInt8] = [], length: UInt64 = .max >> 1,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var writer = ByteArrayWriter()
        writer.writeBytes(prefix)
        writer.writeVarInt(length)
        writer.writeBytes([1, 2, 3, 4])
        let error = #expect(throws: SerializationError.self, sourceLocation: sourceLocation) {
            _ = try serializer.deserialize(writer.bytes)
        }
        #expect(error?.code == .truncated, sourceLocation: sourceLocation)
    }
}
