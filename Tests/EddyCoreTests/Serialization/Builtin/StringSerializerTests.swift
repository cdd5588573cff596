import EddyCore
import Testing

@Suite struct StringSerializerTests {
    let serializer = StringSerializer()

    @Test func roundTrips() throws {
        let long = String(repeating: "abc", count: 100)  // length needs a 2-byte varint
        for value in ["", "a", "héllo wörld", "日本語", "👩‍👩‍👧 emoji", "nul\0inside", long] {
            #expect(try SerializerChecks.roundTrip(serializer, value) == value)
        }
    }

    @Test func encodesByteLengthThenUTF8() {
        #expect(serializer.serialize("é") == [2, 0xC3, 0xA9])
    }

    @Test func invalidUTF8IsMalformed() {
        let error = #expect(throws: SerializationError.self) { try serializer.deserialize([2, 0xC3, 0x28]) }
        #expect(error?.code == .malformed)
    }

    @Test func badInput() {
        SerializerChecks.everyTruncationThrows(serializer, "héllo, 日本")
        SerializerChecks.fuzz(serializer, seed: 14)
        SerializerChecks.hugeLengthThrows(serializer)
        SerializerChecks.hugeLengthThrows(serializer, length: 5)
    }
}
