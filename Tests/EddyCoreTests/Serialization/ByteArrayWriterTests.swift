import EddyCore
import Testing

@Suite struct ByteArrayWriterTests {
    @Test func writesIntegersBigEndian() {
        var writer = ByteArrayWriter()
        writer.writeInteger(UInt32(0x0102_0304))
        writer.writeInteger(Int16(-2))
        writer.writeByte(7)
        #expect(writer.bytes == [1, 2, 3, 4, 0xFF, 0xFE, 7])
        #expect(writer.count == 7)
    }

    @Test func writesVarInts() {
        var writer = ByteArrayWriter()
        writer.writeVarInt(0)
        writer.writeVarInt(127)
        writer.writeVarInt(128)
        writer.writeVarInt(300)
        #expect(writer.bytes == [0, 0x7F, 0x80, 0x01, 0xAC, 0x02])
        writer.reset()
        writer.writeVarInt(.max)
        #expect(writer.bytes.count == 10)
    }

    @Test func resetKeepsCapacity() {
        var writer = ByteArrayWriter(reservingCapacity: 64)
        writer.writeBytes([UInt8](repeating: 9, count: 40))
        let capacity = writer.bytes.capacity
        writer.reset()
        #expect(writer.bytes.isEmpty)
        #expect(writer.bytes.capacity == capacity)
        writer.writeBytes([1, 2][...])
        #expect(writer.bytes == [1, 2])
    }
}
