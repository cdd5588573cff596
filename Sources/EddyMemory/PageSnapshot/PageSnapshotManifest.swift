import EddyCore

/// The root of an incremental page snapshot: every structure's geometry and page locations, plus
/// the operator's own small state (`extra`), ending in a CRC-32C of all bytes before it.
///
/// Format (big-endian): magic `EPSM`, version, checkpoint id, extra (varint length + bytes), file
/// paths (varint count; each varint length + UTF-8), structures (varint count; each: name,
/// geometry, varint page count, per page: varint file index, varint offset, varint length, UInt32
/// checksum, Int64 checkpoint id), then the UInt32 CRC-32C.
public struct PageSnapshotManifest: Hashable, Sendable {
    public var checkpointID: Int64
    public var extra: [UInt8]
    public var structures: [PagedStructureImage]

    static let magic: [UInt8] = Array("EPSM".utf8)
    static let version: UInt8 = 1

    public init(checkpointID: Int64, extra: [UInt8], structures: [PagedStructureImage]) {
        self.checkpointID = checkpointID
        self.extra = extra
        self.structures = structures
    }

    /// The page files the manifest refers to, in first-use order.
    public var files: [String] {
        var seen = Set<String>()
        var files: [String] = []
        for structure in structures {
            for page in structure.pages where seen.insert(page.file).inserted { files.append(page.file) }
        }
        return files
    }

    public var bytes: [UInt8] {
        let files = self.files
        let fileIndex = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        var writer = ByteArrayWriter(reservingCapacity: 64 + extra.count + structures.count * 64)
        writer.writeBytes(Self.magic)
        writer.writeByte(Self.version)
        writer.writeInteger(checkpointID)
        writer.writeBlob(extra)
        writer.writeVarInt(UInt64(files.count))
        for file in files { writer.writeBlob(Array(file.utf8)) }
        writer.writeVarInt(UInt64(structures.count))
        for structure in structures {
            writer.writeBlob(Array(structure.name.utf8))
            writer.writeBlob(structure.geometry)
            writer.writeVarInt(UInt64(structure.pages.count))
            for page in structure.pages {
                writer.writeVarInt(UInt64(fileIndex[page.file]!))
                writer.writeVarInt(UInt64(page.offset))
                writer.writeVarInt(UInt64(page.length))
                writer.writeInteger(page.checksum)
                writer.writeInteger(page.checkpointID)
            }
        }
        writer.writeInteger(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// Decodes and verifies a manifest.
    /// - Throws: ``FileError`` (`corrupt`, naming `path` and the offset) when the checksum does not
    ///   match or the structure is impossible.
    public init(bytes: [UInt8], path: String) throws(FileError) {
        guard bytes.count >= Self.magic.count + 1 + 8 + 4, Array(bytes.prefix(4)) == Self.magic else {
            throw FileError(.corrupt, "not a page snapshot manifest (bad magic or too short)", path: path, offset: 0)
        }
        let body = bytes[0..<(bytes.count - 4)]
        var trailer = ByteArrayReader(bytes[(bytes.count - 4)...])
        let stored = (try? trailer.readInteger(UInt32.self)) ?? 0
        let actual = body.withUnsafeBytes { CRC32C.checksum($0) }
        guard stored == actual else {
            throw FileError(
                .corrupt, "manifest checksum \(String(stored, radix: 16)) does not match its bytes (\(String(actual, radix: 16)))",
                path: path, offset: bytes.count - 4)
        }
        var reader = ByteArrayReader(body)
        do {
            try reader.skip(4)
            let version = try reader.readByte()
            guard version == Self.version else {
                throw FileError(.corrupt, "manifest version \(version), expected \(Self.version)", path: path, offset: 4)
            }
            checkpointID = try reader.readInteger(Int64.self)
            extra = try reader.readBlob()
            var files: [String] = []
            for _ in 0..<(try reader.readLength()) { files.append(String(decoding: try reader.readBlob(), as: UTF8.self)) }
            var structures: [PagedStructureImage] = []
            for _ in 0..<(try reader.readLength()) {
                let name = String(decoding: try reader.readBlob(), as: UTF8.self)
                let geometry = try reader.readBlob()
                var pages: [PageLocation] = []
                for _ in 0..<(try reader.readLength(minimumElementSize: 15)) {
                    let file = Int(try reader.readVarInt())
                    guard file < files.count else {
                        throw FileError(.corrupt, "page refers to file \(file) of \(files.count)", path: path, offset: reader.position)
                    }
                    pages.append(PageLocation(
                        file: files[file], offset: Int(try reader.readVarInt()), length: Int(try reader.readVarInt()),
                        checksum: try reader.readInteger(UInt32.self), checkpointID: try reader.readInteger(Int64.self)))
                }
                structures.append(PagedStructureImage(name: name, geometry: geometry, pages: pages))
            }
            guard reader.isAtEnd else {
                throw FileError(.corrupt, "\(reader.remainingBytes) bytes after the last structure", path: path, offset: reader.position)
            }
            self.structures = structures
        } catch let error as FileError {
            throw error
        } catch {
            throw FileError(.corrupt, "manifest does not decode: \(error)", path: path, offset: reader.position)
        }
    }
}

extension ByteArrayWriter {
    mutating func writeBlob(_ bytes: [UInt8]) {
        writeVarInt(UInt64(bytes.count))
        writeBytes(bytes)
    }
}

extension ByteArrayReader {
    mutating func readBlob() throws(SerializationError) -> [UInt8] {
        try readBytes(count: try readLength())
    }
}
