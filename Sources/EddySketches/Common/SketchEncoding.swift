import EddyCore
import EddyMemory

/// The standalone encoding of a sketch: `magic(4) ‖ geometry length(varint) ‖ geometry ‖ pages
/// (each exactly as `pageBytes` gives it) ‖ CRC-32C(4)`; what `serialized()` writes and
/// `init(serialized:)` checks before anything is used.
enum SketchEncoding {
    static func encode(magic: String, geometry: [UInt8], pages: [[UInt8]]) -> [UInt8] {
        var writer = ByteArrayWriter(reservingCapacity: 16 + geometry.count + pages.reduce(0) { $0 + $1.count })
        writer.writeBytes(Array(magic.utf8))
        writer.writeVarInt(UInt64(geometry.count))
        writer.writeBytes(geometry)
        for page in pages { writer.writeBytes(page) }
        writer.writeInteger(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// Checks magic and checksum and splits the bytes into geometry and the page bytes.
    /// - Throws: ``SerializationError`` naming what is wrong.
    static func decode(_ bytes: [UInt8], magic: String) throws(SerializationError) -> (geometry: [UInt8], pages: ArraySlice<UInt8>) {
        guard bytes.count >= 8, Array(bytes.prefix(4)) == Array(magic.utf8) else {
            throw SerializationError(.malformed, "not a \(magic) sketch (bad magic or too short)")
        }
        var trailer = ByteArrayReader(bytes[(bytes.count - 4)...])
        let stored = try trailer.readInteger(UInt32.self)
        let actual = bytes[..<(bytes.count - 4)].withUnsafeBytes { CRC32C.checksum($0) }
        guard stored == actual else {
            throw SerializationError(.malformed, "\(magic) sketch checksum \(String(stored, radix: 16)) does not match its bytes (\(String(actual, radix: 16)))")
        }
        var reader = ByteArrayReader(bytes[4..<(bytes.count - 4)])
        let geometry = try reader.readBytes(count: try reader.readLength())
        return (geometry, bytes[(4 + reader.position)..<(bytes.count - 4)])
    }
}
