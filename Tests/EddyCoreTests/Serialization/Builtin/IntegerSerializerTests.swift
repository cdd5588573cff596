import EddyCore
import Testing

@Suite struct IntegerSerializerTests {
    func check<T: FixedWidthInteger>(_ type: T.Type) throws {
        let serializer = IntegerSerializer<T>()
        #expect(serializer.fixedSize == T.bitWidth / 8)
        for value in [T.min, T.max, 0, 1, T.max / 2, T.min / 2 + 1] {
            #expect(try SerializerChecks.roundTrip(serializer, value) == value)
            SerializerChecks.everyTruncationThrows(serializer, value)
        }
        SerializerChecks.fuzz(serializer, seed: UInt64(T.bitWidth) &* (T.isSigned ? 3 : 5), iterations: 500)
    }

    @Test func roundTripsEveryWidth() throws {
        try check(Int8.self)
        try check(Int16.self)
        try check(Int32.self)
        try check(Int64.self)
        try check(Int.self)
        try check(UInt8.self)
        try check(UInt16.self)
        try check(UInt32.self)
        try check(UInt64.self)
        try check(UInt.self)
    }

    @Test func isBigEndianTwosComplement() {
        #expect(IntegerSerializer<Int32>().serialize(-2) == [0xFF, 0xFF, 0xFF, 0xFE])
        #expect(IntegerSerializer<UInt64>().serialize(0x0102) == [0, 0, 0, 0, 0, 0, 1, 2])
    }

    @Test func nonNegativeKeysSortLikeTheirBytes() {
        let serializer = IntegerSerializer<Int64>()
        let values: [Int64] = [0, 1, 255, 256, 70_000, .max]
        let encoded = values.map { serializer.serialize($0) }
        #expect(encoded == encoded.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
