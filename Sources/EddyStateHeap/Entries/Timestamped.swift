/// A stored value with the processing time (ms) of its last TTL refresh.
///
/// States without a TTL store timestamp 0 and never read the clock: one stored layout for both keeps
/// the state classes free of a second code path, at 8 bytes per entry.
struct Timestamped<Value> {
    var value: Value
    var timestamp: Int64

    init(_ value: Value, _ timestamp: Int64) {
        self.value = value
        self.timestamp = timestamp
    }
}
