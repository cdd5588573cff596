import EddyCore
import Testing
@testable import EddyMemory

@Suite struct PagedViewTests {
    let manager = MemoryManager(budgetBytes: 2048 * 4096, segmentSize: 4096)

    @Test func fixedWidthRecordsStraddleSegmentBoundaries() throws {
        let owner = manager.register(owner: "views")
        var output = PagedOutputView(owner: owner)
        // 24-byte records do not divide 4096: many straddle a boundary.
        for i in 0..<10_000 {
            output.writeInteger(Int64(i))
            output.writeInteger(Int64(-i))
            output.writeInteger(Int64(i) &* 0x1_0000_0001)
        }
        #expect(output.position == 240_000)
        #expect(output.segments.count == (240_000 + 4095) / 4096)
        var input = output.makeInputView()
        for i in 0..<10_000 {
            #expect(try input.readInteger(Int64.self) == Int64(i))
            #expect(try input.readInteger(Int64.self) == Int64(-i))
            #expect(try input.readInteger(Int64.self) == Int64(i) &* 0x1_0000_0001)
        }
        #expect(input.remainingBytes == 0)
        #expect(throws: SerializationError.self) { try input.readByte() }
    }

    @Test func variableLengthRecordsRoundTrip() throws {
        let owner = manager.register(owner: "strings")
        var output = PagedOutputView(owner: owner)
        var expected: [String] = []
        defer { #expect(!output.overflowed) }
        for i in 0..<3_000 {
            let s = String(repeating: "ü\(i)", count: i % 37) + (i % 5 == 0 ? String(repeating: "x", count: 5000) : "")
            expected.append(s)
            let utf8 = Array(s.utf8)
            output.writeVarInt(UInt64(utf8.count))
            output.writeBytes(utf8)
            output.writeByte(UInt8(i % 256))
        }
        var input = output.makeInputView()
        for (i, s) in expected.enumerated() {
            let count = Int(try input.readVarInt())
            #expect(try input.readUTF8String(byteCount: count) == s)
            #expect(try input.readByte() == UInt8(i % 256))
        }
        #expect(input.remainingBytes == 0)
    }

    @Test func truncatedStreamThrowsWithoutReadingPastTheEnd() throws {
        let owner = manager.register(owner: "truncated")
        var output = PagedOutputView(owner: owner)
        for i in 0..<1000 { output.writeInteger(Int64(i)) }
        var input = PagedInputView(segments: output.segments, byteCount: output.position - 3)
        for _ in 0..<999 { _ = try input.readInteger(Int64.self) }
        let error = #expect(throws: SerializationError.self) { try input.readInteger(Int64.self) }
        #expect(error?.code == .truncated)
        #expect(input.remainingBytes == 5)  // nothing consumed by the failed read
        #expect(throws: SerializationError.self) { try input.readBytes(count: 6) }
        #expect(throws: SerializationError.self) { try input.skip(6) }
        try input.skip(5)
        #expect(input.remainingBytes == 0)
    }

    @Test func invalidUTF8IsMalformed() throws {
        let owner = manager.register(owner: "utf8")
        var output = PagedOutputView(owner: owner)
        output.writeBytes([0xC3, 0x28, 0xFF])
        var input = output.makeInputView()
        let error = #expect(throws: SerializationError.self) { try input.readUTF8String(byteCount: 3) }
        #expect(error?.code == .malformed)
    }

    @Test func overflowSetsAFlagAndRewindRollsTheRecordBack() throws {
        let small = MemoryManager(budgetBytes: 2 * 4096, segmentSize: 4096)
        let owner = small.register(owner: "bounded")
        var output = PagedOutputView(owner: owner)
        var written = 0
        while true {
            let mark = output.position
            for _ in 0..<100 { output.writeInteger(Int64(written)) }
            if output.overflowed {
                output.rewind(to: mark)
                break
            }
            written += 1
        }
        #expect(written == (2 * 4096) / 800)
        #expect(!output.overflowed)
        #expect(output.position == written * 800)
        #expect(owner.heldSegments == 2)
        var input = output.makeInputView()
        for record in 0..<written {
            for _ in 0..<100 { #expect(try input.readInteger(Int64.self) == Int64(record)) }
        }
        output.reset()
        #expect(owner.heldSegments == 0)
        #expect(output.position == 0)
    }

    @Test func resetViewIsReusable() throws {
        let owner = manager.register(owner: "reuse")
        var output = PagedOutputView(owner: owner)
        for round in 0..<3 {
            for i in 0..<5000 { output.writeInteger(Int32(i + round)) }
            var input = output.makeInputView()
            for i in 0..<5000 { #expect(try input.readInteger(Int32.self) == Int32(i + round)) }
            output.reset()
        }
        #expect(manager.statistics.createdSegments == 5)
    }
}
