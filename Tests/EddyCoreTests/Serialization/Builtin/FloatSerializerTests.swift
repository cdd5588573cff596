import EddyCore
import Testing

@Suite struct FloatSerializerTests {
    let serializer = FloatSerializer()

    @Test func roundTripsBitPatterns() throws {
        let values: [Float] = [
            0, -0.0, 1.5, .infinity, -.infinity, .greatestFiniteMagnitude,
            .leastNonzeroMagnitude, .nan, .signalingNaN, Float(nan: 0x55, signaling: true),
        ]
        for value in values {
            #expect(try SerializerChecks.roundTrip(serializer, value).bitPattern == value.bitPattern)
        }
    }

    @Test func badInput() {
        SerializerChecks.everyTruncationThrows(serializer, -7.5)
        SerializerChecks.fuzz(serializer, seed: 12)
    }
}
