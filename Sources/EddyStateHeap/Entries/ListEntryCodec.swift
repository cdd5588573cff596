import EddyCore
import EddyState

/// A list per (key, namespace), each element with its own timestamp. Canonical value bytes: the
/// elements one after another, each `[timestamp]` + element bytes, read until the end.
struct ListEntryCodec<S: Serializer>: HeapEntryCodec {
    typealias Entry = [Timestamped<S.Value>]
    var kind: StateKind { .list }
    let serializer: S

    func expiry(of entry: Entry, ttl: StateTTLConfig, now: Int64) -> Expiry<Entry> {
        let live = entry.filter { !ttl.isExpired(timestamp: $0.timestamp, now: now) }
        if live.count == entry.count { return .live }
        return live.isEmpty ? .expired : .partly(live)
    }

    func write(
        _ entry: Entry, stateIndex: Int, key: ArraySlice<UInt8>, namespace: ArraySlice<UInt8>, hasTTL: Bool,
        into file: inout KeyGroupStateFileWriter, scratch: inout EntryScratch
    ) {
        scratch.value.reset()
        for element in entry {
            if hasTTL { scratch.value.writeInteger(element.timestamp) }
            serializer.serialize(element.value, to: &scratch.value)
        }
        file.addEntry(stateIndex: stateIndex, key: key, namespace: namespace, value: scratch.value.bytes)
    }

    func restore(
        value: ArraySlice<UInt8>, mapKey: ArraySlice<UInt8>?, hasTTL: Bool, into entry: inout Entry?
    ) throws(SerializationError) {
        guard mapKey == nil else { throw SerializationError(.malformed, "a list state entry has a map key") }
        var reader = ByteArrayReader(value)
        var elements = entry ?? []
        while !reader.isAtEnd {
            let timestamp = try reader.readTimestamp(if: hasTTL)
            elements.append(Timestamped(try serializer.deserialize(from: &reader), timestamp))
        }
        entry = elements
    }
}
