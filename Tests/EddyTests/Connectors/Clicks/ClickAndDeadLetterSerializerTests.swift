import Eddy
import EddyCore
import Testing

@Suite struct ClickAndDeadLetterSerializerTests {
    @Test func clicksRoundTripInTwentyFourBigEndianBytes() throws {
        let serializer = Click.streamSerializer
        for click in [Click(userID: 1, itemID: -2, timestampMillis: 3), Click(userID: .max, itemID: .min, timestampMillis: 0)] {
            let bytes = serializer.serialize(click)
            #expect(bytes.count == 24 && serializer.fixedSize == 24)
            #expect(try serializer.deserialize(bytes) == click)
        }
        #expect(serializer.serialize(Click(userID: 1, itemID: 2, timestampMillis: 3))
            == [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3])
        #expect(throws: SerializationError.self) { try serializer.deserialize([UInt8](repeating: 0, count: 23)) }
    }

    @Test func deadLettersRoundTrip() throws {
        let serializer = DeadLetter.streamSerializer
        let letters = [
            DeadLetter(source: "/tmp/a.csv", line: 7, reason: "field 2 (item_id): not an integer: 'x'", raw: "1,x,3"),
            DeadLetter(source: "", line: 0, reason: "", raw: ""),
            DeadLetter(source: "ünïcode", line: Int.max, reason: "r", raw: "\u{FFFD}"),
            DeadLetter(source: "s", line: -1, reason: "r", raw: "x"),
        ]
        for letter in letters {
            #expect(try serializer.deserialize(serializer.serialize(letter)) == letter)
        }
        let bytes = serializer.serialize(letters[0])
        #expect(throws: SerializationError.self) { try serializer.deserialize(Array(bytes.dropLast())) }
    }
}
