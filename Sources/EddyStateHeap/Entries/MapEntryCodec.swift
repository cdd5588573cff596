import EddyCore
import EddyState

/// A map per (key, namespace), each entry with its own timestamp. Canonical form: one file entry per
/// map key, map-key bytes from the map-key serializer, value `[timestamp]` + value bytes.
struct MapEntryCodec<UKS: Serializer, UVS: Serializer>: HeapEntryCodec where UKS.Value: Hashable {
    typealias Entry = [UKS.Value: Timestamped<UVS.Value>]
    var kind: StateKind { .map }
    let keySerializer: UKS
    let valueSerializer: UVS

    func expiry(of entry: Entry, ttl: StateTTLConfig, now: Int64) -> Expiry<Entry> {
        let live = entry.filter { !ttl.isExpired(timestamp: $0.value.timestamp, now: now) }
        if live.count == entry.count { return .live }
        return live.isEmpty ? .expired : .partly(live)
    }

    func write(
        _ entry: Entry, stateIndex: Int, key: ArraySlice<UInt8>, namespace: ArraySlice<UInt8>, hasTTL: Bool,
        into file: inout KeyGroupStateFileWriter, scratch: inout EntryScratch
    ) {
        for (mapKey, element) in entry {
            scratch.mapKey.reset()
            keySerializer.serialize(mapKey, to: &scratch.mapKey)
            scratch.value.reset()
            if hasTTL { scratch.value.writeInteger(element.timestamp) }
            valueSerializer.serialize(element.value, to: &scratch.value)
            file.addEntry(
                stateIndex: stateIndex, key: key, namespace: namespace, mapKey: scratch.mapKey.bytes,
                value: scratch.value.bytes)
        }
    }

    func restore(
        value: ArraySlice<UInt8>, mapKey: ArraySlice<UInt8>?, hasTTL: Bool, into entry: inout Entry?
    ) throws(SerializationError) {
        guard let mapKey else { throw SerializationError(.malformed, "a map state entry has no map key") }
        var keyReader = ByteArrayReader(mapKey)
        let userKey = try keySerializer.deserialize(from: &keyReader)
        try keyReader.expectEnd("map key")
        var reader = ByteArrayReader(value)
        let timestamp = try reader.readTimestamp(if: hasTTL)
        let decoded = try valueSerializer.deserialize(from: &reader)
        try reader.expectEnd("map value")
        entry = entry ?? [:]
        entry![userKey] = Timestamped(decoded, timestamp)
    }
}
