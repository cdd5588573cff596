import EddyCore
import EddyState

/// What TTL cleanup found in one entry.
@usableFromInline
enum Expiry<Entry> {
    /// Nothing expired.
    case live
    /// All of it expired: remove the entry.
    case expired
    /// Some list elements or map entries expired; the rest.
    case partly(Entry)
}

/// Reusable buffers for serializing entries in a snapshot's asynchronous part.
@usableFromInline
struct EntryScratch {
    /// Key bytes followed by namespace bytes.
    var keyAndNamespace = ByteArrayWriter(reservingCapacity: 64)
    var mapKey = ByteArrayWriter(reservingCapacity: 64)
    var value = ByteArrayWriter(reservingCapacity: 256)
}

/// How one kind of state stores its per-(key, namespace) entry, expires it and converts it to and
/// from ``CanonicalStateFormat``. One implementation per stored shape: a single value (value,
/// reducing, aggregating), a list, a map.
///
/// Thread-safety: immutable configuration (serializers), used by the task thread and by snapshot
/// threads alike. `@usableFromInline` because the inlinable per-access path (see ``StateKey``) checks
/// expiry through it.
@usableFromInline
protocol HeapEntryCodec: Sendable {
    associatedtype Entry
    var kind: StateKind { get }

    /// Which parts of `entry` have expired at `now`.
    func expiry(of entry: Entry, ttl: StateTTLConfig, now: Int64) -> Expiry<Entry>

    /// Appends the canonical entries of one (key, namespace) to `file`.
    func write(
        _ entry: Entry, stateIndex: Int, key: ArraySlice<UInt8>, namespace: ArraySlice<UInt8>, hasTTL: Bool,
        into file: inout KeyGroupStateFileWriter, scratch: inout EntryScratch)

    /// Folds one canonical entry (a map state has one per map key) into what was restored so far for
    /// its (key, namespace).
    func restore(
        value: ArraySlice<UInt8>, mapKey: ArraySlice<UInt8>?, hasTTL: Bool, into entry: inout Entry?
    ) throws(SerializationError)
}

extension ByteArrayReader {
    /// Reads a TTL timestamp when the state has one (0 otherwise, see ``Timestamped``).
    mutating func readTimestamp(if hasTTL: Bool) throws(SerializationError) -> Int64 {
        hasTTL ? try readInteger(Int64.self) : 0
    }

    /// Throws unless every byte was consumed: leftovers mean another serializer wrote them.
    func expectEnd(_ what: StaticString) throws(SerializationError) {
        guard isAtEnd else {
            throw SerializationError(.malformed, "\(remainingBytes) bytes left after the \(what) at offset \(position)")
        }
    }
}
