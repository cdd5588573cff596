import EddyCore
import Testing

@Suite struct OptionalSerializerTests {
    @Test func roundTrips() throws {
        let serializer = OptionalSerializer(IntegerSerializer<Int16>())
        for value: Int16? in [nil, 0, .min, .max] {
            #expect(try SerializerChecks.roundTrip(serializer, value) == value)
        }
        let nested = OptionalSerializer(OptionalSerializer(StringSerializer()))
        for value: String?? in [.none, .some(.none), .some(.some("x"))] {
            #expect(try SerializerChecks.roundTrip(nested, value) == value)
        }
        #expect(nested.serialize(.some(.none)) == [1, 0])
    }

    @Test func unknownTagIsMalformed() {
        let serializer = OptionalSerializer(BoolSerializer())
        let error = #expect(throws: SerializationError.self) { try serializer.deserialize([2, 1]) }
        #expect(error?.code == .malformed)
    }

    @Test func badInput() {
        let serializer = OptionalSerializer(StringSerializer())
        SerializerChecks.everyTruncationThrows(serializer, "héllo")
        SerializerChecks.fuzz(serializer, seed: 17)
        SerializerChecks.hugeLengthThrows(serializer, prefix: [1])
    }
}
