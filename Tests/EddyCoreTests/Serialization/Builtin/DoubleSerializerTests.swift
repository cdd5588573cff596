import EddyCore
import Testing

@Suite struct DoubleSerializerTests {
    let serializer = DoubleSerializer()

    @Test func roundTripsBitPatterns() throws {
        let values: [Double] = [
            0, -0.0, 1.5, -.pi, .infinity, -.infinity, .greatestFiniteMagnitude,
            .leastNonzeroMagnitude, .nan, -.nan, .signalingNaN,
            Double(nan: 0x1234, signaling: false),
        ]
        for value in values {
            #expect(try SerializerChecks.roundTrip(serializer, value).bitPattern == value.bitPattern)
        }
    }

    @Test func badInput() {
        SerializerChecks.everyTruncationThrows(serializer, 3.25)
        SerializerChecks.fuzz(serializer, seed: 11)
    }
}
