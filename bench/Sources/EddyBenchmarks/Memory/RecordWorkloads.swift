import EddyCore
import EddyMemory

/// The record shapes of `eddy bench memory`, generic over the writer and reader so the paged views
/// and the flat baseline run the very same code.
enum RecordWorkloads {
    /// Writes `count` (Int64, Int64, Int64) records.
    @inline(__always)
    static func writeTriples<W: BinaryWriter>(_ writer: inout W, count: Int) {
        for i in 0..<count {
            let v = Int64(truncatingIfNeeded: i)
            writer.writeInteger(v)
            writer.writeInteger(v &* 0x9E37_79B9)
            writer.writeInteger(v ^ 0x5555)
        }
    }

    /// Reads `count` triples back and folds them into a checksum.
    @inline(__always)
    static func readTriples<R: BinaryReader>(_ reader: inout R, count: Int) -> Int64 {
        var sum: Int64 = 0
        for _ in 0..<count {
            // try! is sound here: the bytes were just written; a failure is a bug worth crashing on.
            let a = try! reader.readInteger(Int64.self)
            let b = try! reader.readInteger(Int64.self)
            let c = try! reader.readInteger(Int64.self)
            sum &+= a ^ b ^ c
        }
        return sum
    }

    /// 1,024 distinct 40-byte ASCII strings.
    static func fortyByteStrings() -> [String] {
        (0..<1024).map { i in
            let digits = String(i)
            return "user-" + String(repeating: "x", count: 35 - digits.count) + digits
        }
    }

    @inline(__always)
    static func writeStrings<W: BinaryWriter>(_ writer: inout W, _ strings: [String], count: Int) {
        for i in 0..<count {
            let s = strings[i & 1023]
            writer.writeVarInt(UInt64(s.utf8.count))
            writer.writeBytes(s.utf8)
        }
    }

    /// Reads strings back as `String` values (one allocation each: their storage).
    @inline(__always)
    static func readStrings<R: BinaryReader>(_ reader: inout R, count: Int) -> Int {
        var total = 0
        for _ in 0..<count {
            let length = Int(try! reader.readVarInt())
            total &+= try! reader.readUTF8String(byteCount: length).utf8.count
        }
        return total
    }
}

/// Readers that can copy bytes into a caller's reusable buffer (no allocation per record).
protocol BufferReusingReader: BinaryReader {
    mutating func readBytes(count: Int, into buffer: inout [UInt8]) throws(SerializationError)
}

extension PagedInputView: BufferReusingReader {}
extension FlatBuffer.Reader: BufferReusingReader {}

extension RecordWorkloads {
    /// Reads strings back as raw UTF-8 bytes into one reused buffer.
    @inline(__always)
    static func readStringBytes<R: BufferReusingReader>(_ reader: inout R, count: Int, scratch: inout [UInt8]) -> Int {
        var total = 0
        for _ in 0..<count {
            let length = Int(try! reader.readVarInt())
            try! reader.readBytes(count: length, into: &scratch)
            total &+= Int(scratch[length - 1])
        }
        return total
    }
}
