import EddyCore
import Testing

@Suite struct ByteArrayReaderTests {
    @Test func readsWhatTheWriterWrote() throws {
        var writer = ByteArrayWriter()
        writer.writeInteger(Int64.min)
        writer.writeInteger(UInt16.max)
        writer.writeInteger(Int8(-1))
        writer.writeVarInt(UInt64.max)
        writer.writeDouble(-0.0)
        writer.writeBytes(Array("héllo".utf8))
        var reader = ByteArrayReader(writer.bytes)
        #expect(try reader.readInteger(Int64.self) == .min)
        #expect(try reader.readInteger(UInt16.self) == .max)
        #expect(try reader.readInteger(Int8.self) == -1)
        #expect(try reader.readVarInt() == .max)
        #expect(try reader.readDouble().bitPattern == (-0.0 as Double).bitPattern)
        #expect(try reader.readUTF8String(byteCount: 6) == "héllo")
        #expect(reader.isAtEnd)
    }

    @Test func truncationNamesTheOffset() throws {
        var reader = ByteArrayReader([1, 2, 3])
        _ = try reader.readByte()
        let error = #expect(throws: SerializationError.self) { try reader.readInteger(UInt32.self) }
        #expect(error?.code == .truncated)
        #expect(error?.message.contains("offset 1") == true)
        // A failed read consumes nothing.
        #expect(reader.position == 1)
    }

    @Test func negativeAndHugeCountsThrow() {
        var reader = ByteArrayReader([1, 2, 3])
        #expect(throws: SerializationError.self) { try reader.readBytes(count: -1) }
        #expect(throws: SerializationError.self) { try reader.readBytes(count: .max) }
        #expect(throws: SerializationError.self) { try reader.skip(4) }
        #expect(throws: SerializationError.self) { try reader.readUTF8String(byteCount: .max) }
    }

    @Test func invalidUTF8IsMalformed() {
        var reader = ByteArrayReader([0x61, 0xC3, 0x28])
        let error = #expect(throws: SerializationError.self) { try reader.readUTF8String(byteCount: 3) }
        #expect(error?.code == .malformed)
    }

    @Test func readsSlicesRelativeToTheirStart() throws {
        let bytes: [UInt8] = [9, 9, 0, 0, 1, 0, 9]
        var reader = ByteArrayReader(bytes[2..<6])
        #expect(try reader.readInteger(UInt32.self) == 0x100)
        #expect(reader.position == 4)
        #expect(throws: SerializationError.self) { try reader.readByte() }
    }

    @Test func overlongVarIntIsMalformed() {
        var reader = ByteArrayReader([UInt8](repeating: 0xFF, count: 9) + [0x02])
        let error = #expect(throws: SerializationError.self) { try reader.readVarInt() }
        #expect(error?.code == .malformed)
    }

    @Test func readLengthRejectsOverflowingElementSizes() {
        // 2^62 elements of 8 bytes overflows UInt64; must throw, not trap.
        var writer = ByteArrayWriter()
        writer.writeVarInt(1 << 62)
        var reader = ByteArrayReader(writer.bytes)
        let error = #expect(throws: SerializationError.self) {
            try reader.readLength(minimumElementSize: 8)
        }
        #expect(error?.code == .truncated)
    }
}
