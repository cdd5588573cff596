/// The backend-independent byte form of keyed state, used by canonical savepoints (which restore
/// into any backend), by heap and filesystem checkpoints, and as RocksDB's value layout.
///
/// An entry is (state, key bytes, namespace bytes, map-key bytes?, value bytes):
/// - key bytes: the backend's key serializer; namespace bytes: the state's namespace serializer
///   (``VoidNamespaceSerializer`` writes nothing).
/// - value, reducing and aggregating state: `[timestamp]` + the value (accumulator) serializer's bytes.
/// - list state: the elements one after another, each `[timestamp]` + element bytes, no count (so a
///   RocksDB merge can append by concatenation); read until the value's end.
/// - map state: one entry per map key; map-key bytes from the key serializer; value `[timestamp]` +
///   value bytes.
/// - `[timestamp]`: only when the state has a TTL: 8 bytes, big-endian, milliseconds of processing
///   time of the last access that refreshed it.
///
/// Serialized keys and namespaces must be self-delimiting when concatenated (all built-in serializers
/// are: fixed width, or length-prefixed).
public enum CanonicalStateFormat {
    /// Bytes of a TTL timestamp prefix.
    public static let timestampBytes = 8
}
