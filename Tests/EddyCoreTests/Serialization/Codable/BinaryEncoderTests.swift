import EddyCore
import Testing

@Suite struct BinaryEncoderTests {
    let encoder = BinaryEncoder()

    @Test func structFieldsInOrderWithoutKeys() throws {
        let bytes = try encoder.encode(Point(x: 1, y: 2))
        #expect(bytes == [0, 0, 0, 1] + DoubleSerializer().serialize(2))
    }

    @Test func compactFormat() throws {
        #expect(try encoder.encode([UInt8(7), 8]) == [2, 7, 8])
        #expect(try encoder.encode([Int16?.none, 5]) == [2, 0, 1, 0, 5])
        #expect(try encoder.encode("é") == [2, 0xC3, 0xA9])
        #expect(try encoder.encode(Int.min) == IntegerSerializer<Int64>().serialize(.min))
        #expect(try encoder.encode(Color.blue) == [4] + Array("blue".utf8))
        #expect(try encoder.encode(Level.high) == IntegerSerializer<Int>().serialize(2))
        #expect(try encoder.encode(Int8??.some(.none)) == [1, 0])
        #expect(try encoder.encode(true) == [1])
    }

    @Test func nilFieldsAreTaggedNotSkipped() throws {
        struct Pair: Codable { var a: UInt8?; var b: UInt8 }
        #expect(try encoder.encode(Pair(a: nil, b: 9)) == [0, 9])
        #expect(try encoder.encode(Pair(a: 3, b: 9)) == [1, 3, 9])
    }

    @Test func dictionariesEncodeDeterministically() throws {
        var first: [String: Int8] = [:]
        var second: [String: Int8] = [:]
        let keys = (0..<50).map { "key\($0)" }
        for (index, key) in keys.enumerated() { first[key] = Int8(index) }
        for (index, key) in keys.enumerated().reversed() { second[key] = Int8(index) }
        #expect(try encoder.encode(first) == encoder.encode(second))
        #expect(try encoder.encode(["b": Int8(2), "a": 1]) == [2, 1, 0x61, 1, 1, 0x62, 2])
    }

    @Test func appendsToAWriter() throws {
        var writer = ByteArrayWriter()
        writer.writeByte(0xAA)
        try encoder.encode(Point(x: -1, y: 0), to: &writer)
        #expect(writer.bytes == [0xAA, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func errorsFromEncodeAreWrapped() {
        struct Refuses: Encodable {
            func encode(to encoder: any Encoder) throws {
                throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "no"))
            }
        }
        let error = #expect(throws: SerializationError.self) { try encoder.encode([Refuses()]) }
        #expect(error?.code == .unsupported)
    }
}
