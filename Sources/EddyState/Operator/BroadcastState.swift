import EddyCore

/// A map-shaped operator state that is equal on every subtask (Flink's `BroadcastState`): the
/// broadcast input writes the same entries everywhere, so a restore gives every subtask one copy.
///
/// Thread-safety: confined to the task thread that owns its ``OperatorStateBackend``.
public final class BroadcastState<Key: Hashable, Value>: RegisteredOperatorState {
    public let name: String
    private var map: [Key: Value]
    private let serializeKey: (Key, inout ByteArrayWriter) -> Void
    private let serializeValue: (Value, inout ByteArrayWriter) -> Void

    init<KS: Serializer, VS: Serializer>(name: String, keySerializer: KS, valueSerializer: VS, map: [Key: Value])
    where KS.Value == Key, VS.Value == Value {
        self.name = name
        self.map = map
        serializeKey = { keySerializer.serialize($0, to: &$1) }
        serializeValue = { valueSerializer.serialize($0, to: &$1) }
    }

    var mode: OperatorStateMode { .broadcast }

    /// The value under `key`, or nil.
    /// - Complexity: O(1) on average.
    public func get(_ key: Key) -> Value? { map[key] }

    /// Sets the value under `key`.
    public func put(_ key: Key, _ value: Value) { map[key] = value }

    /// Sets every entry of `entries`.
    public func putAll(_ entries: [Key: Value]) { map.merge(entries) { _, new in new } }

    /// Removes the entry under `key`, if any.
    public func remove(_ key: Key) { map[key] = nil }

    public func contains(_ key: Key) -> Bool { map[key] != nil }

    /// All entries, in no particular order.
    public func entries() -> [(key: Key, value: Value)] { map.map { ($0.key, $0.value) } }

    public func isEmpty() -> Bool { map.isEmpty }

    /// Removes every entry.
    public func clear() { map.removeAll() }

    var count: Int { map.count }

    func write(to file: inout OperatorStateFileWriter) {
        // Sorted by key bytes so equal maps give equal files: Dictionary order is per process.
        var serialized: [(key: [UInt8], value: [UInt8])] = []
        serialized.reserveCapacity(map.count)
        var scratch = ByteArrayWriter(reservingCapacity: 64)
        for (key, value) in map {
            scratch.reset()
            serializeKey(key, &scratch)
            let keyBytes = scratch.bytes
            scratch.reset()
            serializeValue(value, &scratch)
            serialized.append((keyBytes, scratch.bytes))
        }
        serialized.sort { $0.key.lexicographicallyPrecedes($1.key) }
        file.beginState(name: name, mode: .broadcast, count: serialized.count)
        for entry in serialized { file.addEntry(key: entry.key, value: entry.value) }
    }
}
