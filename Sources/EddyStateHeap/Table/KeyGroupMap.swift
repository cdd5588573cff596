/// The entries of one state in one key group (Flink's `CopyOnWriteStateMap`).
///
/// A class so the task thread mutates the table in place through the state table's array; a
/// snapshot copies ``entries`` (O(1): ``StateEntries`` is copy-on-write) and the next write after
/// it copies the storage once, leaving the snapshot's view untouched.
///
/// Inlinable as the rest of the per-access path (see ``StateKey``).
///
/// Thread-safety: confined to the task thread; only copies of ``entries`` leave it.
@usableFromInline
final class KeyGroupMap<K: Hashable, N: Hashable, Entry> {
    /// Unchecked exclusivity as ``HeapKeyContext``'s fields: only the hashing and equality of keys
    /// and namespaces run during an access, and they cannot reach this map.
    @usableFromInline @exclusivity(unchecked) var entries = StateEntries<K, N, Entry>()
    /// Incremental mode: the addresses written or removed since the last snapshot's synchronous
    /// part, which moves them into a ``DirtySegments`` segment (the next delta file's entries).
    /// Empty, and never touched, in full mode.
    @usableFromInline @exclusivity(unchecked) var dirty: Set<StateKey<K, N>> = []

    @usableFromInline init() {}
}
