import EddyCore
import Testing

@Suite struct BinaryDecoderTests {
    let encoder = BinaryEncoder()
    let decoder = BinaryDecoder()

    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        try decoder.decode(T.self, from: encoder.encode(value))
    }

    @Test func roundTripsNestedValues() throws {
        #expect(try roundTrip(Order.sample) == .sample)
        #expect(try roundTrip(Order.sparse) == .sparse)
        #expect(try roundTrip([Order.sample, .sparse]) == [.sample, .sparse])
        #expect(try roundTrip(Tree(children: [Tree(children: []), Tree(children: [Tree(children: [])])])).children.count == 2)
        #expect(try roundTrip(OutOfOrder(list: [1, -2, 3], after: 9)) == OutOfOrder(list: [1, -2, 3], after: 9))
        #expect(try roundTrip([ManualOptional(value: nil), ManualOptional(value: 5)]) == [.init(value: nil), .init(value: 5)])
        #expect(try roundTrip([Int: [String]?](dictionaryLiteral: (1, ["a"]), (2, nil))) == [1: ["a"], 2: nil])
        #expect(try roundTrip(Set([3, 1, 2])) == Set([1, 2, 3]))
    }

    @Test func roundTripsEdgeScalars() throws {
        #expect(try roundTrip([Int64.min, .max, 0]) == [.min, .max, 0])
        #expect(try roundTrip([UInt8.max, 0]) == [.max, 0])
        #expect(try roundTrip(["", "日本語", "👩‍👩‍👧"]) == ["", "日本語", "👩‍👩‍👧"])
        let nan = Double(nan: 0x42, signaling: false)
        #expect(try decoder.decode(Double.self, from: encoder.encode(nan)).bitPattern == nan.bitPattern)
        #expect(try roundTrip(Int???.some(.some(.none))) == .some(.some(.none)))
    }

    @Test func roundTripsSubclassesThroughSuperEncoder() throws {
        let dog = try decoder.decode(Dog.self, from: encoder.encode(Dog(name: "rex", legs: 4)))
        #expect(dog.name == "rex" && dog.legs == 4)
    }

    @Test func decodesFromAReaderAndLeavesItAfterTheValue() throws {
        var writer = ByteArrayWriter()
        try encoder.encode(Point(x: 1, y: 2), to: &writer)
        writer.writeByte(0x5A)
        var reader = ByteArrayReader(writer.bytes)
        #expect(try decoder.decode(Point.self, from: &reader) == Point(x: 1, y: 2))
        #expect(try reader.readByte() == 0x5A)
    }

    @Test func badInputThrowsSerializationErrors() throws {
        // Unknown raw value: DecodingError from the synthesized init, wrapped as malformed.
        var error = #expect(throws: SerializationError.self) {
            try decoder.decode(Color.self, from: [3] + Array("red".utf8).dropLast() + [0x78])
        }
        #expect(error?.code == .malformed)
        error = #expect(throws: SerializationError.self) { try decoder.decode(Bool?.self, from: [2]) }
        #expect(error?.code == .malformed)
        error = #expect(throws: SerializationError.self) { try decoder.decode(UInt8.self, from: [1, 2]) }
        #expect(error?.code == .malformed)
        error = #expect(throws: SerializationError.self) { try decoder.decode([String: Int8].self, from: [2, 1, 0x61, 1, 1, 0x61, 2]) }
        #expect(error?.code == .malformed)
        // A bad tag seen by the non-throwing single-value decodeNil still fails the decode.
        error = #expect(throws: SerializationError.self) { try decoder.decode(ManualOptional.self, from: [7, 0, 0, 0, 1]) }
        #expect(error?.code == .malformed)
        error = #expect(throws: SerializationError.self) { try decoder.decode(ManualOptional.self, from: []) }
        #expect(error?.code == .truncated)
    }

    @Test func enumsWithAssociatedValuesFailToDecodeCleanly() throws {
        let bytes = try encoder.encode(Shape.circle(radius: 1))
        #expect(throws: SerializationError.self) { try decoder.decode(Shape.self, from: bytes) }
    }

    @Test func deepNestingThrowsInsteadOfOverflowingTheStack() throws {
        let error = #expect(throws: SerializationError.self) {
            try decoder.decode(Tree.self, from: [UInt8](repeating: 1, count: 100_000))
        }
        #expect(error?.code == .malformed)
        var shallow = BinaryDecoder()
        shallow.maximumDepth = 6  // Tree, [Tree], Tree, [Tree], Tree, [] for [1, 1, 0]
        #expect(throws: SerializationError.self) { try shallow.decode(Tree.self, from: [1, 1, 1, 0]) }
        #expect(try shallow.decode(Tree.self, from: [1, 1, 0]) == Tree(children: [Tree(children: [Tree(children: [])])]))
    }
}
