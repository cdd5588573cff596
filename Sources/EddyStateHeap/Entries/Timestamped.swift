/// A stored value with the processing time (ms) of its last TTL refresh.
///
/// States without a TTL store timestamp 0 and never read the clock: one stored layout for both keeps
/// the state classes free of a second code path, at 8 bytes per entry.
///
/// Inlinable as the rest of the per-access path (see ``StateKey``).
@usableFromInline
struct Timestamped<Value> {
    @usableFromInline var value: Value
    @usableFromInline var timestamp: Int64

    @inlinable
    init(_ value: Value, _ timestamp: Int64) {
        self.value = value
        self.timestamp = timestamp
    }
}
