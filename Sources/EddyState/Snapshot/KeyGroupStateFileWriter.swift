import EddyCore

/// Writes a key-group state file: the format of heap and filesystem snapshots and of canonical
/// savepoints (``CanonicalStateFormat`` for the entries).
///
/// Layout (integers big-endian):
/// ```
/// "EDKG" u8 version  [u8 fileKind, version 2 only]  u32 maxParallelism
/// varint stateCount, per state: varint nameLength, name UTF-8, u8 kind, u8 hasTTL
/// key-group blocks, each: u32 keyGroup, varint entryCount, entries:
///     varint stateIndex, u8 flags (bit 0: has map key, bit 1: tombstone), varint+bytes key,
///     varint+bytes namespace, [varint+bytes map key], [varint+bytes value, absent in tombstones]
/// index: per block u32 keyGroup, u64 offset, u64 length, then u32 blockCount, u64 indexOffset,
/// "EDKE"
/// ```
/// The whole file's CRC-32C is recorded in its ``StateFileHandle`` and verified before reading.
///
/// Full files (every entry of their key groups) are version 1, byte for byte as before deltas
/// existed, so readers of version 1 keep reading them. Delta files (``isDelta``, the incremental
/// heap backend's changes since an earlier file of the same key group) are version 2 with file
/// kind 1: each (state, key, namespace) they mention replaces that entry of the earlier files
/// whole (all its map keys), and a tombstone removes it.
///
/// Not thread-safe; one writer per snapshot.
public struct KeyGroupStateFileWriter {
    private var writer = ByteArrayWriter(reservingCapacity: 1 << 16)
    private var index: [(keyGroup: Int, offset: Int, length: Int)] = []
    private var currentKeyGroup: Int?
    private var blockStart = 0
    private var entriesInBlock = 0
    private var entryBytes = ByteArrayWriter(reservingCapacity: 1 << 16)
    public let states: [StateMetaInfo]
    /// Whether this is a delta file (version 2, file kind 1).
    public let isDelta: Bool

    /// - Parameter isDelta: write a delta file, which may hold tombstones and is applied on top of
    ///   an earlier file of its key groups.
    public init(states: [StateMetaInfo], maxParallelism: Int, isDelta: Bool = false) {
        self.states = states
        self.isDelta = isDelta
        writer.writeBytes(Array("EDKG".utf8))
        if isDelta {
            writer.writeByte(2)
            writer.writeByte(Self.deltaFileKind)
        } else {
            writer.writeByte(1)
        }
        writer.writeInteger(UInt32(maxParallelism))
        writer.writeVarInt(UInt64(states.count))
        for state in states {
            let name = Array(state.name.utf8)
            writer.writeVarInt(UInt64(name.count))
            writer.writeBytes(name)
            writer.writeByte(KeyGroupStateFileWriter.kindCode(state.kind))
            writer.writeByte(state.hasTTL ? 1 : 0)
        }
    }

    /// Starts the block of `keyGroup`; ends the previous one.
    public mutating func beginKeyGroup(_ keyGroup: Int) {
        if currentKeyGroup != nil { endKeyGroup() }
        currentKeyGroup = keyGroup
        entriesInBlock = 0
        entryBytes.reset()
    }

    /// Adds one entry to the current key group.
    public mutating func addEntry<K: Collection, N: Collection, U: Collection, V: Collection>(
        stateIndex: Int, key: K, namespace: N, mapKey: U?, value: V
    ) where K.Element == UInt8, N.Element == UInt8, U.Element == UInt8, V.Element == UInt8 {
        precondition(currentKeyGroup != nil, "addEntry before beginKeyGroup")
        precondition(stateIndex >= 0 && stateIndex < states.count, "state index \(stateIndex) out of range")
        entryBytes.writeVarInt(UInt64(stateIndex))
        entryBytes.writeByte(mapKey == nil ? 0 : 1)
        Self.writeChunk(key, to: &entryBytes)
        Self.writeChunk(namespace, to: &entryBytes)
        if let mapKey { Self.writeChunk(mapKey, to: &entryBytes) }
        Self.writeChunk(value, to: &entryBytes)
        entriesInBlock += 1
    }

    /// Adds a tombstone to the current key group of a delta file: the (key, namespace) of the state
    /// has no entry any more.
    public mutating func addTombstone<K: Collection, N: Collection>(
        stateIndex: Int, key: K, namespace: N
    ) where K.Element == UInt8, N.Element == UInt8 {
        precondition(isDelta, "tombstones only go into delta files")
        precondition(currentKeyGroup != nil, "addTombstone before beginKeyGroup")
        precondition(stateIndex >= 0 && stateIndex < states.count, "state index \(stateIndex) out of range")
        entryBytes.writeVarInt(UInt64(stateIndex))
        entryBytes.writeByte(Self.tombstoneFlag)
        Self.writeChunk(key, to: &entryBytes)
        Self.writeChunk(namespace, to: &entryBytes)
        entriesInBlock += 1
    }

    /// Adds an entry without a map key.
    public mutating func addEntry<K: Collection, N: Collection, V: Collection>(
        stateIndex: Int, key: K, namespace: N, value: V
    ) where K.Element == UInt8, N.Element == UInt8, V.Element == UInt8 {
        addEntry(stateIndex: stateIndex, key: key, namespace: namespace, mapKey: [UInt8]?.none, value: value)
    }

    /// Ends the current key group's block (empty blocks are kept: they mark the group as present).
    public mutating func endKeyGroup() {
        guard let keyGroup = currentKeyGroup else { return }
        blockStart = writer.count
        writer.writeInteger(UInt32(keyGroup))
        writer.writeVarInt(UInt64(entriesInBlock))
        writer.writeBytes(entryBytes.bytes)
        index.append((keyGroup, blockStart, writer.count - blockStart))
        currentKeyGroup = nil
    }

    /// The key groups written so far.
    public var keyGroups: [Int] { index.map(\.keyGroup) }

    /// Ends the last block and returns the file's bytes.
    public consuming func finish() -> [UInt8] {
        endKeyGroup()
        let indexOffset = writer.count
        for block in index {
            writer.writeInteger(UInt32(block.keyGroup))
            writer.writeInteger(UInt64(block.offset))
            writer.writeInteger(UInt64(block.length))
        }
        writer.writeInteger(UInt32(index.count))
        writer.writeInteger(UInt64(indexOffset))
        writer.writeBytes(Array("EDKE".utf8))
        return writer.bytes
    }

    private static func writeChunk<C: Collection>(_ bytes: C, to writer: inout ByteArrayWriter) where C.Element == UInt8 {
        writer.writeVarInt(UInt64(bytes.count))
        writer.writeBytes(bytes)
    }

    /// Entry flag bits.
    static let mapKeyFlag: UInt8 = 1
    static let tombstoneFlag: UInt8 = 2
    /// The file-kind byte of version-2 delta files.
    static let deltaFileKind: UInt8 = 1

    static func kindCode(_ kind: StateKind) -> UInt8 {
        switch kind {
        case .value: 0
        case .list: 1
        case .map: 2
        case .reducing: 3
        case .aggregating: 4
        }
    }

    static func kind(code: UInt8) -> StateKind? {
        [StateKind.value, .list, .map, .reducing, .aggregating].indices.contains(Int(code))
            ? [StateKind.value, .list, .map, .reducing, .aggregating][Int(code)] : nil
    }
}
