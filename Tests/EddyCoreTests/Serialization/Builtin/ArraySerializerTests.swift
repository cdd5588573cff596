import EddyCore
import Testing

@Suite struct ArraySerializerTests {
    @Test func roundTripsFlatAndNested() throws {
        let ints = ArraySerializer(IntegerSerializer<Int64>())
        for value: [Int64] in [[], [0], [.min, -1, 0, 1, .max]] {
            #expect(try SerializerChecks.roundTrip(ints, value) == value)
        }
        let nested = ArraySerializer(ArraySerializer(OptionalSerializer(StringSerializer())))
        let value: [[String?]] = [[], ["a", nil, ""], [nil], ["日本"]]
        #expect(try SerializerChecks.roundTrip(nested, value) == value)
    }

    @Test func badInput() {
        let ints = ArraySerializer(IntegerSerializer<UInt32>())
        SerializerChecks.everyTruncationThrows(ints, [1, 2, 3])
        SerializerChecks.fuzz(ints, seed: 15)
        SerializerChecks.hugeLengthThrows(ints)
        // 2^62 elements of 4 bytes: the size check must not overflow.
        SerializerChecks.hugeLengthThrows(ArraySerializer(IntegerSerializer<UInt64>()), length: 1 << 62)

        let nested = ArraySerializer(ArraySerializer(StringSerializer()))
        SerializerChecks.everyTruncationThrows(nested, [["a", "bc"], [], ["d"]])
        SerializerChecks.fuzz(nested, seed: 16)
        SerializerChecks.hugeLengthThrows(nested)
        SerializerChecks.hugeLengthThrows(nested, prefix: [1])
    }
}
