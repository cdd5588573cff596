import EddyCore
import EddyMemory
import EddyState

/// The in-flight data one task recorded for an unaligned checkpoint, one file per task:
/// `chk-<n>/<operatorID>-<subtask>.channels`, stored with the task's head operator.
///
/// Layout (integers big-endian, varints LEB128):
/// ```
/// "EDCS" u8 version=1  varint channelCount
/// per channel, ascending: u32 task channel index, varint length, length bytes of elements
/// u32 CRC-32C of every byte before it
/// ```
/// Channel indices number the task's input channels in order (input 0's first), which is why a
/// restore needs the same parallelism on both sides of each exchange into the task.
enum ChannelStateFile {
    static let magic = Array("EDCS".utf8)
    static let version: UInt8 = 1

    static func encode(_ channels: [Int: [UInt8]]) -> [UInt8] {
        var out = ByteArrayWriter(reservingCapacity: 16 + channels.values.reduce(0) { $0 + $1.count + 8 })
        out.writeBytes(magic)
        out.writeByte(version)
        out.writeVarInt(UInt64(channels.count))
        for (channel, bytes) in channels.sorted(by: { $0.key < $1.key }) {
            out.writeInteger(UInt32(channel))
            out.writeVarInt(UInt64(bytes.count))
            out.writeBytes(bytes)
        }
        out.writeInteger(CRC32C.checksum(out.bytes))
        return out.bytes
    }

    /// - Throws: ``StateError`` `.corruptSnapshot` naming `path` and the offset.
    static func decode(_ file: [UInt8], path: String) throws -> [Int: [UInt8]] {
        func corrupt(_ message: String) -> StateError {
            StateError(.corruptSnapshot, "channel state: \(message)", path: path)
        }
        guard file.count >= magic.count + 1 + 1 + 4, file.starts(with: magic) else { throw corrupt("bad magic or too short") }
        let body = Array(file[..<(file.count - 4)])
        var trailer = ByteArrayReader(Array(file[(file.count - 4)...]))
        guard (try? trailer.readInteger(UInt32.self)) == CRC32C.checksum(body) else { throw corrupt("checksum mismatch") }
        var reader = ByteArrayReader(body)
        var channels: [Int: [UInt8]] = [:]
        do {
            _ = try reader.readBytes(count: magic.count)
            let storedVersion = try reader.readByte()
            guard storedVersion == version else { throw corrupt("unknown version \(storedVersion)") }
            let count = try reader.readLength(minimumElementSize: 5, what: "channel count")
            for _ in 0..<count {
                let channel = Int(try reader.readInteger(UInt32.self))
                let bytes = try reader.readBytes(count: try reader.readLength(what: "channel data length"))
                guard channels.updateValue(bytes, forKey: channel) == nil else { throw corrupt("channel \(channel) twice") }
            }
            guard reader.isAtEnd else { throw corrupt("\(reader.remainingBytes) bytes after the last channel") }
        } catch let error as SerializationError {
            throw corrupt("at offset \(reader.position): \(error.message)")
        }
        return channels
    }
}
