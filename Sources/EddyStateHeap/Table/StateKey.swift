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
}
