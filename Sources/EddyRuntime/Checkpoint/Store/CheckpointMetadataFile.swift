import EddyCore
import EddyMemory
import EddyState
import Foundation

/// The `_metadata` file of a checkpoint, the last file a checkpoint writes: once it is there (written
/// durably and renamed into place by the storage) the checkpoint exists.
///
/// Layout: `"EDCKMETA"`, u8 version = 1, u32 body length, the body (JSON of ``CompletedCheckpoint``,
/// readable by people and tools), u32 CRC-32C of every byte before it. Big-endian.
public enum CheckpointMetadataFile {
    public static let fileName = "_metadata"
    static let magic = Array("EDCKMETA".utf8)
    static let version: UInt8 = 1

    /// The file's bytes.
    public static func encode(_ checkpoint: CompletedCheckpoint) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let body = try [UInt8](encoder.encode(checkpoint))
        var out = ByteArrayWriter(reservingCapacity: body.count + 32)
        out.writeBytes(magic)
        out.writeByte(version)
        out.writeInteger(UInt32(body.count))
        out.writeBytes(body)
        var bytes = out.bytes
        var trailer = ByteArrayWriter(reservingCapacity: 4)
        trailer.writeInteger(CRC32C.checksum(bytes))
        bytes += trailer.bytes
        return bytes
    }

    /// Parses and verifies a `_metadata` file.
    /// - Parameter path: for messages.
    /// - Throws: ``StateError`` `.corruptSnapshot` naming `path` and what is wrong.
    public static func decode(_ bytes: [UInt8], path: String) throws -> CompletedCheckpoint {
        func corrupt(_ message: String) -> StateError {
            StateError(.corruptSnapshot, "checkpoint metadata: \(message)", path: path)
        }
        let headerSize = magic.count + 1 + 4
        guard bytes.count >= headerSize + 4 else { throw corrupt("\(bytes.count) bytes is too short") }
        var trailer = ByteArrayReader(bytes[(bytes.count - 4)...])
        let stored = try? trailer.readInteger(UInt32.self)
        let computed = CRC32C.checksum(Array(bytes[..<(bytes.count - 4)]))
        guard stored == computed else {
            throw corrupt("checksum mismatch (stored \(hex(stored ?? 0)), computed \(hex(computed)))")
        }
        guard Array(bytes[..<magic.count]) == magic else { throw corrupt("bad magic") }
        guard bytes[magic.count] == version else { throw corrupt("unknown version \(bytes[magic.count])") }
        var lengthReader = ByteArrayReader(bytes[(magic.count + 1)..<headerSize])
        let length = Int((try? lengthReader.readInteger(UInt32.self)) ?? 0)
        guard headerSize + length + 4 == bytes.count else {
            throw corrupt("body length \(length) does not match the file size \(bytes.count)")
        }
        do {
            return try JSONDecoder().decode(CompletedCheckpoint.self, from: Data(bytes[headerSize..<(headerSize + length)]))
        } catch {
            throw corrupt("body does not parse: \(error)")
        }
    }

    private static func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }
}
