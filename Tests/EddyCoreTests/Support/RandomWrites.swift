import EddyCore

extension SeededGenerator {
    /// Writes the same random mix of bytes, integers (on and off 4-byte block boundaries) and byte
    /// runs to `writer` and to `mirror`, for checking a hashing writer against the written bytes.
    mutating func writeRandomly<W: BinaryWriter>(to writer: inout W, mirroredIn mirror: inout ByteArrayWriter) {
        for _ in 0..<Int(next() % 6) {
            switch next() % 5 {
            case 0: let b = UInt8(truncatingIfNeeded: next()); writer.writeByte(b); mirror.writeByte(b)
            case 1: let v = Int64(bitPattern: next()); writer.writeInteger(v); mirror.writeInteger(v)
            case 2: let v = UInt32(truncatingIfNeeded: next()); writer.writeInteger(v); mirror.writeInteger(v)
            case 3: let v = Int16(truncatingIfNeeded: next()); writer.writeInteger(v); mirror.writeInteger(v)
            default:
                let run = self.bytes(maxLength: 8)
                writer.writeBytes(run)
                mirror.writeBytes(run)
            }
        }
    }
}
