import EddyCore
import Testing

@Suite struct CodableSerializerTests {
    @Test func roundTrips() throws {
        let serializer = CodableSerializer(Order.self)
        #expect(try SerializerChecks.roundTrip(serializer, .sample) == .sample)
        #expect(try SerializerChecks.roundTrip(serializer, .sparse) == .sparse)
        #expect(serializer.fixedSize == nil)
    }

    @Test func everyTruncationThrows() {
        SerializerChecks.everyTruncationThrows(CodableSerializer(Order.self), .sample)
        SerializerChecks.everyTruncationThrows(CodableSerializer(OutOfOrder.self), OutOfOrder(list: [1, 2], after: 3))
    }

    @Test func randomBytesNeverCrash() {
        SerializerChecks.fuzz(CodableSerializer(Order.self), seed: 21, maxLength: 64)
        SerializerChecks.fuzz(CodableSerializer([Point?].self), seed: 22)
        SerializerChecks.fuzz(CodableSerializer([String: [Int8]].self), seed: 23)
        SerializerChecks.fuzz(CodableSerializer(Tree.self), seed: 24)
        // Mutations of a valid encoding reach deeper than random bytes do.
        let serializer = CodableSerializer(Order.self)
        let valid = serializer.serialize(.sample)
        var random = SeededGenerator(seed: 25)
        for _ in 0..<2000 {
            var input = valid
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                input[Int.random(in: 0..<input.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            _ = try? serializer.deserialize(input)
        }
    }

    @Test func hugeLengthPrefixesThrow() {
        SerializerChecks.hugeLengthThrows(CodableSerializer([Point].self))
        SerializerChecks.hugeLengthThrows(CodableSerializer(String.self))
        SerializerChecks.hugeLengthThrows(CodableSerializer([String: Int].self))
        // Order: 8-byte id, then the name's length.
        SerializerChecks.hugeLengthThrows(CodableSerializer(Order.self), prefix: [UInt8](repeating: 0, count: 8))
    }
}
