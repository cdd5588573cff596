/// The address of an entry in one key group's table: the key, the namespace, and their hash.
///
/// The hash is computed once per `setCurrentKey` (``HeapKeyContext/keyHash``, a keyed hash of the
/// key's serialized bytes taken in the same pass as its key group's murmur hash) and stored, so a
/// lookup hashes nothing (`Hasher`'s SipHash over the key used to be a fifth of a get) and a
/// table that grows rehashes nothing (it keeps the hashes beside the slots: ``StateEntries``).
/// Still `Hashable`, with the stored hash, for the sets of changed addresses. It is an in-memory hash only: partitioning and everything
/// persisted use the serialized bytes.
///
/// Keys are equal when their hashes are too, so two keys whose `==` holds but whose serializations
/// differ (a `String` in two Unicode normalizations) are two entries, as in the RocksDB backend
/// (and in different key groups anyway).
///
/// `@usableFromInline` with inlinable members, as the rest of the per-access path: the state
/// handles are specialized in the module that knows the key and value types, and can only inline
/// (rather than call unspecialized generic code, with a metadata lookup per access) what is
/// visible to it (docs/decisions.md).
@usableFromInline
struct StateKey<K: Hashable, N: Hashable>: Hashable {
    @usableFromInline let key: K
    @usableFromInline let namespace: N
    /// ``hash(keyHash:namespace:)``; 32 bits, so a 4-byte key's address is 8 bytes.
    @usableFromInline let hash: UInt32

    /// - Parameter keyHash: ``KeyHashWriter/tableHash`` of the key's serialized bytes with the
    ///   backend's point (``HeapKeyContext/hashPoint``).
    @inlinable
    init(key: K, namespace: N, keyHash: Int) {
        self.key = key
        self.namespace = namespace
        hash = Self.hash(keyHash: keyHash, namespace: namespace)
    }

    /// An address with its hash as a table stored it.
    @inlinable
    init(key: K, namespace: N, hash: UInt32) {
        self.key = key
        self.namespace = namespace
        self.hash = hash
    }

    /// Key and namespace as a table slot holds them.
    @inlinable
    var entryKey: EntryKey<K, N> { EntryKey(key: key, namespace: namespace) }

    /// The key's hash combined with the namespace's (Swift's seeded hash; an un-namespaced
    /// key, ``VoidNamespace``, adds nothing and costs nothing).
    @inlinable
    static func hash(keyHash: Int, namespace: N) -> UInt32 {
        UInt32(truncatingIfNeeded: keyHash &+ namespace._rawHashValue(seed: 0) &* -0x61c8_8646_80b5_83eb)
    }

    // Written out: a synthesized conformance would not be inlinable.
    @inlinable
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.hash == rhs.hash && lhs.key == rhs.key && lhs.namespace == rhs.namespace
    }

    @inlinable
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// What sets (the changed addresses) call: the stored hash mixed with the set's own seed (each storage
    /// has one, so that copying between tables of different sizes does not cluster), with the high
    /// bits folded down since the set takes the low ones. No `Hasher`.
    @inlinable
    func _rawHashValue(seed: Int) -> Int {
        var x = UInt64(hash) ^ UInt64(bitPattern: Int64(seed))
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        return Int(truncatingIfNeeded: x)
    }
}
