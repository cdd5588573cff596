import EddyCore
import EddyState

/// Writes a key's merging window set: a varint count, then (window, state window) pairs.
@usableFromInline
struct WindowMappingSerializer<WS: Serializer>: Serializer where WS.Value: Window {
    let windowSerializer: WS

    @usableFromInline
    init(windowSerializer: WS) { self.windowSerializer = windowSerializer }

    @usableFromInline var fixedSize: Int? { nil }

    @usableFromInline
    func serialize<Writer: BinaryWriter>(_ value: [WindowMapping<WS.Value>], to writer: inout Writer) {
        writer.writeVarInt(UInt64(value.count))
        for entry in value {
            windowSerializer.serialize(entry.window, to: &writer)
            windowSerializer.serialize(entry.stateWindow, to: &writer)
        }
    }

    @usableFromInline
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

/// The keyed state holding each key's in-flight merging windows (sessions), registered where the
/// backend's concrete type is known so its accesses run specialized code.
public struct MergingWindowsState<W: Window> {
    @usableFromInline let handle: ValueStateHandle<VoidNamespace, [WindowMapping<W>]>

    @inlinable
    public init<B: KeyedStateBackend, WS: Serializer>(backend: B, windowSerializer: WS) throws where WS.Value == W {
        handle = try backend.valueState(
            ValueStateDescriptor(name: WindowStateNames.mergingWindows, serializer: WindowMappingSerializer(windowSerializer: windowSerializer)),
            namespaceSerializer: VoidNamespaceSerializer())
    }
}
