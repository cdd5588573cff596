/// The address of an entry in one key group's table: the key and the namespace.
///
/// Hashed with Swift's `Hasher` (per-process seed) only to find entries in memory; partitioning and
/// everything persisted use the serialized bytes instead.
struct StateKey<K: Hashable, N: Hashable>: Hashable {
    let key: K
    let namespace: N
}
