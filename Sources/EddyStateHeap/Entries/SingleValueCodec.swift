import EddyCore

/// How value state stores its one value per (key, namespace): with its TTL timestamp
/// (``ValueEntryCodec``, states with a TTL) or bare (``BareValueEntryCodec``, states without, which
/// are most and never read a timestamp). ``HeapValueState`` is generic over it, so each registration
/// specializes the state for the layout its TTL needs.
@usableFromInline
protocol SingleValueCodec: HeapEntryCodec {
    associatedtype Value
    /// The entry of `value` written at `timestamp` (0 without a TTL).
    func entry(_ value: Value, timestamp: Int64) -> Entry
    func value(of entry: Entry) -> Value
    /// Sets the entry's TTL timestamp to `now` (a read that refreshes it). Static, so the closure
    /// that reads pass it in captures nothing (a capture would allocate per read).
    static func refresh(_ entry: inout Entry, to now: Int64)
}

extension ValueEntryCodec: SingleValueCodec {
    @inlinable
    func entry(_ value: S.Value, timestamp: Int64) -> Timestamped<S.Value> { Timestamped(value, timestamp) }

    @inlinable
    func value(of entry: Timestamped<S.Value>) -> S.Value { entry.value }

    @inlinable
    static func refresh(_ entry: inout Timestamped<S.Value>, to now: Int64) { entry.timestamp = now }
}
