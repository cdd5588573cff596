import Testing
@testable import EddyMemory

@Suite struct MemorySegmentTests {
    @Test func integersRoundTripInBothByteOrdersAtUnalignedOffsets() {
        let segment = MemorySegment(size: 4096)
        for offset in [0, 1, 3, 7, 4096 - 8] {
            segment.putInt64(-0x0102_0304_0506_0708, at: offset)
            #expect(segment.getInt64(at: offset) == -0x0102_0304_0506_0708)
            segment.putInt64(0x0102_0304_0506_0708, at: offset, byteOrder: .bigEndian)
            #expect(segment.getByte(at: offset) == 0x01)
            #expect(segment.getByte(at: offset + 7) == 0x08)
            #expect(segment.getInt64(at: offset, byteOrder: .bigEndian) == 0x0102_0304_0506_0708)
            #expect(segment.getInt64(at: offset, byteOrder: .littleEndian) == 0x0807_0605_0403_0201)
        }
        segment.put(UInt16(0xBEEF), at: 11, byteOrder: .bigEndian)
        #expect(segment.getByte(at: 11) == 0xBE)
        segment.putInt32(Int32.min, at: 20)
        #expect(segment.getInt32(at: 20) == Int32.min)
    }

    @Test func floatsKeepTheirBitPatterns() {
        let segment = MemorySegment(size: 4096)
        for value in [0.0, -0.0, 1.5, .infinity, -.greatestFiniteMagnitude, .ulpOfOne] {
            segment.putDouble(value, at: 5, byteOrder: .bigEndian)
            #expect(segment.getDouble(at: 5, byteOrder: .bigEndian).bitPattern == value.bitPattern)
        }
        let nan = Float(nan: 0x1234, signaling: false)
        segment.putFloat(nan, at: 9)
        #expect(segment.getFloat(at: 9).bitPattern == nan.bitPattern)
    }

    @Test func bytesCopyAndCompare() {
        let a = MemorySegment(size: 4096)
        let b = MemorySegment(size: 4096)
        a.putBytes(Array("hello, segment".utf8), at: 100)
        #expect(a.getBytes(at: 100, count: 5) == Array("hello".utf8))
        a.copy(from: 100, to: b, at: 4000, count: 14)
        #expect(b.getBytes(at: 4000, count: 14) == Array("hello, segment".utf8))
        #expect(a.compare(at: 100, with: b, at: 4000, count: 14) == 0)
        b.putByte(UInt8(ascii: "j"), at: 4000)
        #expect(a.compare(at: 100, with: b, at: 4000, count: 14) < 0)
        #expect(b.compare(at: 4000, with: a, at: 100, count: 14) > 0)
        // Unsigned comparison: 0xFF sorts after 0x01.
        a.putByte(0xFF, at: 0)
        b.putByte(0x01, at: 0)
        #expect(a.compare(at: 0, with: b, at: 0, count: 1) > 0)
    }

    @Test func overlappingCopyWithinOneSegmentIsAMove() {
        let s = MemorySegment(size: 4096)
        s.putBytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], at: 0)
        s.copy(from: 0, to: s, at: 2, count: 8)
        #expect(s.getBytes(at: 0, count: 10) == [1, 2, 1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func newSegmentsAreZeroedAndFillWorks() {
        let s = MemorySegment()
        #expect(s.size == 32 * 1024)
        #expect(s.withUnsafeBytes { $0.allSatisfy { $0 == 0 } })
        s.fill(0xAB, at: 10, count: 5)
        #expect(s.getBytes(at: 9, count: 7) == [0, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0])
    }

    @Test func validSizesArePowersOfTwoFrom4KiBTo1MiB() {
        #expect(MemorySegment.isValidSize(4096))
        #expect(MemorySegment.isValidSize(1 << 20))
        #expect(!MemorySegment.isValidSize(2048))
        #expect(!MemorySegment.isValidSize(2 << 20))
        #expect(!MemorySegment.isValidSize(48 * 1024))
    }
}
