/// The address of an entry in one key group's table: the key and the namespace.
///
/// Hashed with Swift's `Hasher` (per-process seed) only to find entries in memory; partitioning and
/// everything persisted use the serialized bytes instead.
///
/// `@usableFromInline` with inlinable members, as the rest of the per-access path: the state
/// handles are specialized in the module that knows the key and value types, and can only inline
/// (rather than call unspecialized generic code, with a metadata lookup per access) what is
/// visible to it (docs/decisions.md).
@usableFromInline
struct StateKey<K: Hashable, N: Hashable>: Hashable {
    @usableFromInline let key: K
    @usableFromInline let namespace: N

    @inlinable
    init(key: K, namespace: N) {
        self.key = key
        self.namespace = namespace
    }

    // Written out: a synthesized conformance would not be inlinable.
    @inlinable
    static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key && lhs.namespace == rhs.namespace }

    @inlinable
    func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(namespace)
    }

    /// What dictionaries call: one-shot hashing of the key seeded by the namespace's hash, instead
    /// of a `Hasher` built, fed and finalized per lookup. An un-namespaced key (``VoidNamespace``)
    /// hashes exactly as the bare key does.
    @inlinable
    func _rawHashValue(seed: Int) -> Int {
        key._rawHashValue(seed: namespace._rawHashValue(seed: seed))
    }
}
