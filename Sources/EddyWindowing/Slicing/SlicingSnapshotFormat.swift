import EddyCore
import EddyMemory

/// Names and layouts of the slicing operator's checkpoint files (raw keyed state, integers
/// big-endian, varints LEB128, each file ending in a CRC-32C of all its bytes before it).
///
/// A slice file, in `shared/` and reused by later checkpoints while the slice does not change:
/// ```
/// "EDSL" u8 version=1  i64 slice index  varint entryCount
/// entries: u64 key bits, varint accumulatorLength, accumulator bytes
/// u32 CRC-32C
/// ```
/// The progress file, one per checkpoint and subtask (the handle's first file):
/// ```
/// "EDSP" u8 version=1  i64 sliceSize  i64 offset  u8 shape (0 tumbling, 1 sliding, 2 cumulative)
/// i64 shape parameter 1  i64 shape parameter 2  u32 maxParallelism  i64 firedUpTo
/// varint sliceCount, slices: i64 index, u8 spilled, varint file (position in the handle's files)
/// u32 CRC-32C
/// ```
public enum SlicingSnapshotNames {
    /// The name of the raw keyed state handle.
    public static let slices = "window-slices"
}

enum SlicingSnapshotFormat {
    static let sliceMagic: [UInt8] = Array("EDSL".utf8)
    static let progressMagic: [UInt8] = Array("EDSP".utf8)
    static let version: UInt8 = 1

    struct Progress: Equatable {
        struct Entry: Equatable {
            var index: Int64
            var spilled: Bool
            var file: Int
        }
        var layout: SliceLayout
        var maxParallelism: Int
        var firedUpTo: Int64
        var slices: [Entry]
    }

    static func encodeSlice(index: Int64, entries: [(UInt64, [UInt8])]) -> [UInt8] {
        var out = ByteArrayWriter(reservingCapacity: 32 + entries.count * 24)
        out.writeBytes(sliceMagic)
        out.writeByte(version)
        out.writeInteger(index)
        out.writeVarInt(UInt64(entries.count))
        for (key, accumulator) in entries {
            out.writeInteger(key)
            out.writeVarInt(UInt64(accumulator.count))
            out.writeBytes(accumulator)
        }
        return sealed(out)
    }

    /// - Returns: the slice index and its (key bits, accumulator bytes) entries.
    static func decodeSlice(_ bytes: [UInt8], path: String) throws -> (index: Int64, entries: [(UInt64, [UInt8])]) {
        var reader = try open(bytes, magic: sliceMagic, what: "slice", path: path)
        return try parsing(reader: &reader, what: "slice", path: path) { reader in
            let index = try reader.readInteger(Int64.self)
            let count = try reader.readLength(minimumElementSize: 9, what: "entry count")
            var entries: [(UInt64, [UInt8])] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let key = try reader.readInteger(UInt64.self)
                entries.append((key, try reader.readBytes(count: try reader.readLength(what: "accumulator length"))))
            }
            return (index, entries)
        }
    }

    static func encodeProgress(_ progress: Progress) -> [UInt8] {
        var out = ByteArrayWriter(reservingCapacity: 64 + progress.slices.count * 12)
        out.writeBytes(progressMagic)
        out.writeByte(version)
        out.writeInteger(progress.layout.sliceSize)
        out.writeInteger(progress.layout.offset)
        let (shape, first, second): (UInt8, Int64, Int64) = switch progress.layout.shape {
        case .tumbling: (0, 0, 0)
        case .sliding(let size, let slide): (1, size, slide)
        case .cumulative(let maxSlices): (2, maxSlices, 0)
        }
        out.writeByte(shape)
        out.writeInteger(first)
        out.writeInteger(second)
        out.writeInteger(UInt32(progress.maxParallelism))
        out.writeInteger(progress.firedUpTo)
        out.writeVarInt(UInt64(progress.slices.count))
        for entry in progress.slices {
            out.writeInteger(entry.index)
            out.writeByte(entry.spilled ? 1 : 0)
            out.writeVarInt(UInt64(entry.file))
        }
        return sealed(out)
    }

    static func decodeProgress(_ bytes: [UInt8], path: String) throws -> Progress {
        var reader = try open(bytes, magic: progressMagic, what: "progress", path: path)
        return try parsing(reader: &reader, what: "progress", path: path) { reader in
            let sliceSize = try reader.readInteger(Int64.self)
            let offset = try reader.readInteger(Int64.self)
            let tag = try reader.readByte()
            let first = try reader.readInteger(Int64.self)
            let second = try reader.readInteger(Int64.self)
            let shape: SliceLayout.Shape
            switch tag {
            case 0: shape = .tumbling
            case 1 where first > 0 && second > 0: shape = .sliding(windowSlices: first, slideSlices: second)
            case 2 where first > 0: shape = .cumulative(maxSlices: first)
            default: throw SerializationError(.malformed, "window shape \(tag) (\(first), \(second))")
            }
            guard sliceSize > 0 else { throw SerializationError(.malformed, "slice size \(sliceSize)") }
            let maxParallelism = Int(try reader.readInteger(UInt32.self))
            let firedUpTo = try reader.readInteger(Int64.self)
            let count = try reader.readLength(minimumElementSize: 10, what: "slice count")
            var slices: [Progress.Entry] = []
            for _ in 0..<count {
                let index = try reader.readInteger(Int64.self)
                let spilled = try reader.readByte()
                guard spilled <= 1 else { throw SerializationError(.malformed, "spilled flag \(spilled)") }
                slices.append(Progress.Entry(index: index, spilled: spilled == 1, file: Int(try reader.readVarInt())))
            }
            return Progress(
                layout: SliceLayout(sliceSize: sliceSize, offset: offset, shape: shape), maxParallelism: maxParallelism,
                firedUpTo: firedUpTo, slices: slices)
        }
    }

    private static func sealed(_ writer: ByteArrayWriter) -> [UInt8] {
        var out = writer
        out.writeInteger(CRC32C.checksum(out.bytes))
        return out.bytes
    }

    /// Checks the checksum and the magic and version; returns a reader after them.
    private static func open(_ bytes: [UInt8], magic: [UInt8], what: String, path: String) throws -> ByteArrayReader {
        guard bytes.count >= magic.count + 5 else { throw corrupt("\(bytes.count) bytes is too short for a \(what) file", path) }
        var trailer = ByteArrayReader(bytes[(bytes.count - 4)...])
        let stored = try? trailer.readInteger(UInt32.self)
        guard stored == CRC32C.checksum(Array(bytes[..<(bytes.count - 4)])) else { throw corrupt("\(what) file checksum mismatch", path) }
        var reader = ByteArrayReader(bytes[..<(bytes.count - 4)])
        guard (try? reader.readBytes(count: magic.count)) == magic else { throw corrupt("not a \(what) file (bad magic)", path) }
        let version = try? reader.readByte()
        guard version == Self.version else { throw corrupt("\(what) file version \(version.map(String.init) ?? "?") is unknown", path) }
        return reader
    }

    private static func parsing<T>(
        reader: inout ByteArrayReader, what: String, path: String, _ body: (inout ByteArrayReader) throws -> T
    ) throws -> T {
        let value: T
        do { value = try body(&reader) } catch let error as SerializationError {
            throw corrupt("\(what) file at offset \(reader.position): \(error.message)", path, error)
        }
        guard reader.isAtEnd else { throw corrupt("\(reader.remainingBytes) bytes after the \(what) file's contents", path) }
        return value
    }

    static func corrupt(_ message: String, _ path: String, _ underlying: SerializationError? = nil) -> WindowingError {
        WindowingError(.corruptSnapshot, message, path: path, underlying: underlying)
    }
}
