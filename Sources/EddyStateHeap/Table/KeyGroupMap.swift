/// The entries of one state in one key group (Flink's `CopyOnWriteStateMap`).
///
/// A class so the task thread mutates the dictionary in place through the table's array; a
/// snapshot copies ``entries`` (O(1): Swift dictionaries are copy-on-write) and the next write
/// after it copies the storage once, leaving the snapshot's view untouched.
///
/// Thread-safety: confined to the task thread; only copies of ``entries`` leave it.
final class KeyGroupMap<K: Hashable, N: Hashable, Entry> {
    var entries: [StateKey<K, N>: Entry] = [:]
}
