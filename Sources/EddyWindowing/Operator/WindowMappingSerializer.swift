import EddyCore

/// Writes a key's merging window set: a varint count, then (window, state window) pairs.
struct WindowMappingSerializer<WS: Serializer>: Serializer where WS.Value: Window {
    let windowSerializer: WS

    var fixedSize: Int? { nil }

    func serialize<Writer: BinaryWriter>(_ value: [WindowMapping<WS.Value>], to writer: inout Writer) {
        writer.writeVarInt(UInt64(value.count))
        for entry in value {
            windowSerializer.serialize(entry.window, to: &writer)
            windowSerializer.serialize(entry.stateWindow, to: &writer)
        }
    }

    func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> [WindowMapping<WS.Value>] {
        let count = try reader.readLength(what: "merging window count")
        var mapping: [WindowMapping<WS.Value>] = []
        mapping.reserveCapacity(count)
        for _ in 0..<count {
            let window = try windowSerializer.deserialize(from: &reader)
            mapping.append(WindowMapping(window: window, stateWindow: try windowSerializer.deserialize(from: &reader)))
        }
        return mapping
    }
}
