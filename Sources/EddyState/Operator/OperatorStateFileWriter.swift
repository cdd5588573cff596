import EddyCore

/// Writes an operator state file (`chk-<n>/<operatorID>-<subtask>.opstate`).
///
/// Layout (integers big-endian, varints LEB128):
/// ```
/// "EDOS" u8 version=1  varint stateCount
/// per state, by name: varint nameLength, name UTF-8, u8 mode (0 split, 1 union, 2 broadcast),
///     varint count, then count times
///         split, union: varint length, element bytes
///         broadcast:    varint keyLength, key bytes, varint valueLength, value bytes
/// "EDOE"
/// ```
/// Elements are stored as their serializer's bytes, each length-prefixed, so a restore can cut and
/// redistribute lists without knowing the serializer (it arrives only on registration). The
/// whole file's CRC-32C is in its ``StateFileHandle``.
///
/// Not thread-safe; one writer per snapshot.
struct OperatorStateFileWriter {
    static let magic = Array("EDOS".utf8)
    static let endMarker = Array("EDOE".utf8)
    static let version: UInt8 = 1

    private var writer = ByteArrayWriter(reservingCapacity: 4096)
    private var statesLeft: Int
    /// Elements or entries the current state still owes; checked so a miscount cannot produce a
    /// file the reader would reject.
    private var itemsLeft = 0
    private var currentMode: OperatorStateMode?

    init(stateCount: Int) {
        statesLeft = stateCount
        writer.writeBytes(Self.magic)
        writer.writeByte(Self.version)
        writer.writeVarInt(UInt64(stateCount))
    }

    /// Starts a state of `count` elements (entries).
    mutating func beginState(name: String, mode: OperatorStateMode, count: Int) {
        precondition(
            statesLeft > 0 && itemsLeft == 0, "operator state file: state '\(name)' not announced or previous incomplete")
        statesLeft -= 1
        itemsLeft = count
        currentMode = mode
        let utf8 = Array(name.utf8)
        writer.writeVarInt(UInt64(utf8.count))
        writer.writeBytes(utf8)
        writer.writeByte(mode.fileCode)
        writer.writeVarInt(UInt64(count))
    }

    /// Adds one list element's bytes.
    mutating func addElement<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        precondition(itemsLeft > 0 && currentMode?.isMap == false, "operator state file: unexpected element")
        itemsLeft -= 1
        writer.writeVarInt(UInt64(bytes.count))
        writer.writeBytes(bytes)
    }

    /// Adds one map entry's key and value bytes.
    mutating func addEntry<K: Collection, V: Collection>(key: K, value: V) where K.Element == UInt8, V.Element == UInt8 {
        precondition(itemsLeft > 0 && currentMode?.isMap == true, "operator state file: unexpected entry")
        itemsLeft -= 1
        writer.writeVarInt(UInt64(key.count))
        writer.writeBytes(key)
        writer.writeVarInt(UInt64(value.count))
        writer.writeBytes(value)
    }

    /// The file's bytes.
    consuming func finish() -> [UInt8] {
        precondition(statesLeft == 0 && itemsLeft == 0, "operator state file: states or elements missing")
        writer.writeBytes(Self.endMarker)
        return writer.bytes
    }
}
