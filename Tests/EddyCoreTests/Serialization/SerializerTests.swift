import EddyCore
import Testing

@Suite struct SerializerTests {
    @Test func trailingBytesAreMalformed() {
        let error = #expect(throws: SerializationError.self) {
            try IntegerSerializer<UInt16>().deserialize([0, 1, 2])
        }
        #expect(error?.code == .malformed)
    }

    @Test func convenienceRoundTrip() throws {
        let serializer = StringSerializer()
        #expect(try serializer.deserialize(serializer.serialize("eddy")) == "eddy")
    }
}
