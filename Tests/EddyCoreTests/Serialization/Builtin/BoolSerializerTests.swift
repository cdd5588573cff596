import EddyCore
import Testing

@Suite struct BoolSerializerTests {
    let serializer = BoolSerializer()

    @Test func roundTrips() throws {
        #expect(try SerializerChecks.roundTrip(serializer, true) == true)
        #expect(try SerializerChecks.roundTrip(serializer, false) == false)
        #expect(serializer.serialize(true) == [1])
    }

    @Test func onlyZeroAndOneAreValid() {
        for byte in UInt8(2)...255 {
            let error = #expect(throws: SerializationError.self) { try serializer.deserialize([byte]) }
            #expect(error?.code == .malformed)
        }
    }

    @Test func badInput() {
        SerializerChecks.everyTruncationThrows(serializer, true)
        SerializerChecks.fuzz(serializer, seed: 13)
    }
}
