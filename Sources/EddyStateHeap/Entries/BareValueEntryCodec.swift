import EddyCore
import EddyState

/// Value state without a TTL: the value alone, 8 bytes less per entry than ``ValueEntryCodec``'s
/// ``Timestamped`` (a third of a table of 8-byte keys and values, and the cache misses that go with
/// it). Canonical bytes are the same as ``ValueEntryCodec``'s without a TTL (no timestamp), so
/// snapshots do not depend on the layout; it converts through that codec.
@usableFromInline
struct BareValueEntryCodec<S: Serializer>: SingleValueCodec {
    @usableFromInline typealias Entry = S.Value
    @usableFromInline let timed: ValueEntryCodec<S>

    @usableFromInline
    init(serializer: S) { timed = ValueEntryCodec(kind: .value, serializer: serializer) }

    @usableFromInline var kind: StateKind { timed.kind }

    @inlinable
    func entry(_ value: S.Value, timestamp: Int64) -> S.Value { value }

    @inlinable
    func value(of entry: S.Value) -> S.Value { entry }

    @inlinable
    static func refresh(_ entry: inout S.Value, to now: Int64) {}

    /// Never asked: the codec is only registered for states without a TTL.
    @inlinable
    func expiry(of entry: S.Value, ttl: StateTTLConfig, now: Int64) -> Expiry<S.Value> { .live }

    @usableFromInline
    func write(
        _ entry: S.Value, stateIndex: Int, key: ArraySlice<UInt8>, namespace: ArraySlice<UInt8>, hasTTL: Bool,
        into file: inout KeyGroupStateFileWriter, scratch: inout EntryScratch
    ) {
        precondition(!hasTTL, "a bare value entry written as a TTL state's")
        timed.write(
            Timestamped(entry, 0), stateIndex: stateIndex, key: key, namespace: namespace, hasTTL: false,
            into: &file, scratch: &scratch)
    }

    @usableFromInline
    func restore(
        value: ArraySlice<UInt8>, mapKey: ArraySlice<UInt8>?, hasTTL: Bool, into entry: inout S.Value?
    ) throws(SerializationError) {
        precondition(!hasTTL, "a bare value entry restored as a TTL state's")
        var restored = entry.map { Timestamped($0, 0) }
        try timed.restore(value: value, mapKey: mapKey, hasTTL: false, into: &restored)
        entry = restored?.value
    }
}
