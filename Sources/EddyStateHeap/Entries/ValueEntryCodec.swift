import EddyCore
import EddyState

/// One value per (key, namespace): value, reducing and aggregating state (the accumulator).
/// Canonical value bytes: `[timestamp]` + the serializer's bytes.
@usableFromInline
struct ValueEntryCodec<S: Serializer>: HeapEntryCodec {
    @usableFromInline typealias Entry = Timestamped<S.Value>
    @usableFromInline let kind: StateKind
    @usableFromInline let serializer: S

    @usableFromInline
    init(kind: StateKind, serializer: S) {
        self.kind = kind
        self.serializer = serializer
    }

    @inlinable
    func expiry(of entry: Entry, ttl: StateTTLConfig, now: Int64) -> Expiry<Entry> {
        ttl.isExpired(timestamp: entry.timestamp, now: now) ? .expired : .live
    }

    @usableFromInline
    func write(
        _ entry: Entry, stateIndex: Int, key: ArraySlice<UInt8>, namespace: ArraySlice<UInt8>, hasTTL: Bool,
        into file: inout KeyGroupStateFileWriter, scratch: inout EntryScratch
    ) {
        scratch.value.reset()
        if hasTTL { scratch.value.writeInteger(entry.timestamp) }
        serializer.serialize(entry.value, to: &scratch.value)
        file.addEntry(stateIndex: stateIndex, key: key, namespace: namespace, value: scratch.value.bytes)
    }

    @usableFromInline
    func restore(
        value: ArraySlice<UInt8>, mapKey: ArraySlice<UInt8>?, hasTTL: Bool, into entry: inout Entry?
    ) throws(SerializationError) {
        guard mapKey == nil else { throw SerializationError(.malformed, "a \(kind) state entry has a map key") }
        guard entry == nil else { throw SerializationError(.malformed, "a \(kind) state has two entries for one key and namespace") }
        var reader = ByteArrayReader(value)
        let timestamp = try reader.readTimestamp(if: hasTTL)
        let decoded = try serializer.deserialize(from: &reader)
        try reader.expectEnd("value")
        entry = Timestamped(decoded, timestamp)
    }
}
