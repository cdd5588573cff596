import EddyCore

/// One entry of a key-group state file; the byte ranges point into the file's bytes (no copies).
public struct StateEntry {
    public var stateIndex: Int
    public var key: ArraySlice<UInt8>
    public var namespace: ArraySlice<UInt8>
    public var mapKey: ArraySlice<UInt8>?
    /// Empty for tombstones.
    public var value: ArraySlice<UInt8>
    /// A delta file's record that the (key, namespace) has no entry any more.
    public var isTombstone = false
}

/// Reads a file written by ``KeyGroupStateFileWriter``. Every malformed byte throws ``StateError``
/// (`.corruptSnapshot`) naming the file and the offset; nothing crashes.
public struct KeyGroupStateFileReader {
    public let path: String
    public let maxParallelism: Int
    public let states: [StateMetaInfo]
    /// Whether this is a delta file (see ``KeyGroupStateFileWriter``): read it with
    /// ``forEachChange(inKeyGroup:_:)`` and apply it on top of its key groups' earlier files.
    public let isDelta: Bool
    private let bytes: [UInt8]
    private let blocks: [Int: (offset: Int, length: Int)]

    /// The key groups the file holds, ascending.
    public var keyGroups: [Int] { blocks.keys.sorted() }

    /// Parses the header and the index.
    /// - Parameters:
    ///   - bytes: the whole file (already checked against its handle's checksum).
    ///   - path: for error messages.
    public init(bytes: [UInt8], path: String) throws {
        self.path = path
        self.bytes = bytes
        func corrupt(_ message: String) -> StateError {
            StateError(.corruptSnapshot, "key-group state file: \(message)", path: path)
        }
        guard bytes.count >= 5 + 16, bytes[0..<4].elementsEqual("EDKG".utf8) else { throw corrupt("bad magic") }
        guard bytes[4] == 1 || bytes[4] == 2 else { throw corrupt("unknown version \(bytes[4])") }
        guard bytes[(bytes.count - 4)...].elementsEqual("EDKE".utf8) else { throw corrupt("missing end marker (truncated?)") }
        if bytes[4] == 2 {
            guard bytes[5] == KeyGroupStateFileWriter.deltaFileKind else { throw corrupt("unknown file kind \(bytes[5])") }
        }
        isDelta = bytes[4] == 2
        let headerStart = isDelta ? 6 : 5
        do {
            var header = ByteArrayReader(bytes[headerStart...])
            maxParallelism = Int(try header.readInteger(UInt32.self))
            let stateCount = try header.readLength(what: "state count")
            var states: [StateMetaInfo] = []
            for _ in 0..<stateCount {
                let name = try header.readUTF8String(byteCount: try header.readLength(what: "state name length"))
                guard let kind = KeyGroupStateFileWriter.kind(code: try header.readByte()) else {
                    throw corrupt("unknown state kind for state '\(name)'")
                }
                states.append(StateMetaInfo(name: name, kind: kind, hasTTL: try header.readByte() != 0))
            }
            self.states = states

            var footer = ByteArrayReader(bytes[(bytes.count - 16)...])
            let blockCount = Int(try footer.readInteger(UInt32.self))
            let rawIndexOffset = try footer.readInteger(UInt64.self)
            // Checked conversion and subtraction: a damaged offset must throw, not trap on overflow.
            guard let indexOffset = Int(exactly: rawIndexOffset), indexOffset >= headerStart,
                indexOffset <= bytes.count - 16, (bytes.count - 16 - indexOffset) == blockCount * 20
            else {
                throw corrupt("index offset \(rawIndexOffset) and \(blockCount) blocks do not fit the file size \(bytes.count)")
            }
            var index = ByteArrayReader(bytes[indexOffset..<(bytes.count - 16)])
            var blocks: [Int: (offset: Int, length: Int)] = [:]
            for _ in 0..<blockCount {
                let keyGroup = Int(try index.readInteger(UInt32.self))
                let rawOffset = try index.readInteger(UInt64.self)
                let rawLength = try index.readInteger(UInt64.self)
                guard let offset = Int(exactly: rawOffset), let length = Int(exactly: rawLength),
                    offset >= headerStart, length >= 4, offset <= indexOffset - length
                else {
                    throw corrupt("block of key group \(keyGroup) at \(rawOffset)+\(rawLength) lies outside the data")
                }
                blocks[keyGroup] = (offset, length)
            }
            self.blocks = blocks
        } catch let error as SerializationError {
            throw corrupt(error.message)
        }
    }

    /// Calls `body` for each entry of `keyGroup` (none if the file does not hold it).
    /// - Throws: ``StateError`` (`.incompatible`) for a delta file, whose entries are changes that
    ///   only mean something on top of earlier files (see ``forEachChange(inKeyGroup:_:)``).
    public func forEachEntry(inKeyGroup keyGroup: Int, _ body: (StateEntry) throws -> Void) throws {
        guard !isDelta else {
            throw StateError(
                .incompatible,
                "a delta file of an incremental 'filesystem' checkpoint can only be restored by the heap backend; "
                    + "restore from a canonical savepoint instead",
                path: path)
        }
        try forEachChange(inKeyGroup: keyGroup, body)
    }

    /// Calls `body` for each entry of `keyGroup`, tombstones included (none in full files).
    public func forEachChange(inKeyGroup keyGroup: Int, _ body: (StateEntry) throws -> Void) throws {
        guard let block = blocks[keyGroup] else { return }
        var reader = ByteArrayReader(bytes[block.offset..<(block.offset + block.length)])
        let start = block.offset
        func corrupt(_ message: String) -> StateError {
            StateError(
                .corruptSnapshot, "key-group state file, key group \(keyGroup) at offset \(start): \(message)",
                path: path)
        }
        do {
            let storedGroup = Int(try reader.readInteger(UInt32.self))
            guard storedGroup == keyGroup else { throw corrupt("block holds key group \(storedGroup)") }
            // A tombstone is 4 bytes at least (state index, flags, two empty lengths).
            let count = try reader.readLength(minimumElementSize: isDelta ? 4 : 5, what: "entry count")
            for _ in 0..<count {
                let stateIndex = try reader.readVarInt()
                guard stateIndex < UInt64(states.count) else { throw corrupt("state index \(stateIndex) of \(states.count)") }
                let flags = try reader.readByte()
                guard flags & ~(KeyGroupStateFileWriter.mapKeyFlag | KeyGroupStateFileWriter.tombstoneFlag) == 0 else {
                    throw corrupt("unknown entry flags \(flags)")
                }
                let key = try chunk(&reader, start)
                let namespace = try chunk(&reader, start)
                if flags & KeyGroupStateFileWriter.tombstoneFlag != 0 {
                    guard isDelta, flags == KeyGroupStateFileWriter.tombstoneFlag else {
                        throw corrupt("tombstone with a map key or outside a delta file")
                    }
                    try body(StateEntry(
                        stateIndex: Int(stateIndex), key: key, namespace: namespace, mapKey: nil, value: bytes[0..<0],
                        isTombstone: true))
                    continue
                }
                let mapKey = flags & KeyGroupStateFileWriter.mapKeyFlag != 0 ? try chunk(&reader, start) : nil
                let value = try chunk(&reader, start)
                try body(StateEntry(stateIndex: Int(stateIndex), key: key, namespace: namespace, mapKey: mapKey, value: value))
            }
            guard reader.isAtEnd else { throw corrupt("\(reader.remainingBytes) bytes after the last entry") }
        } catch let error as SerializationError {
            throw corrupt(error.message)
        }
    }

    /// A length-prefixed byte range, as a slice of the file.
    private func chunk(_ reader: inout ByteArrayReader, _ blockStart: Int) throws(SerializationError) -> ArraySlice<UInt8> {
        let length = try reader.readLength(what: "chunk length")
        let begin = blockStart + reader.position
        try reader.skip(length)
        return bytes[begin..<(begin + length)]
    }
}
