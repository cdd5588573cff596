import EddyMemory

/// A key and namespace as a key-group table stores them: without ``StateKey``'s hash, which the
/// table keeps apart (see ``ProbingHashTable``), so an 8-byte key of an un-namespaced state takes
/// 8 bytes of its slot.
@usableFromInline
struct EntryKey<K: Hashable, N: Hashable>: Equatable {
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
}

/// One state's entries in one key group: a ``ProbingHashTable`` probed with the hash each
/// ``StateKey`` carries (computed once per record in `setCurrentKey`), with its key and value in one
/// slot (docs/decisions.md: "Heap state tables").
@usableFromInline
typealias StateEntries<K: Hashable, N: Hashable, Entry> = ProbingHashTable<EntryKey<K, N>, Entry>

/// The table's operations by ``StateKey``, as the heap states use them.
extension ProbingHashTable {
    @inlinable
    subscript<K, N>(address: StateKey<K, N>) -> Value? where Key == EntryKey<K, N> {
        get { self[address.entryKey, hash: address.hash] }
        set { self[address.entryKey, hash: address.hash] = newValue }
        _modify { yield &self[address.entryKey, hash: address.hash] }
    }

    @inlinable
    subscript<K, N>(address: StateKey<K, N>, default defaultValue: @autoclosure () -> Value) -> Value
    where Key == EntryKey<K, N> {
        get { self[address.entryKey, hash: address.hash] ?? defaultValue() }
        _modify { yield &self[address.entryKey, hash: address.hash, default: defaultValue()] }
    }

    @inlinable @inline(__always)
    func lookup<K, N>(_ address: StateKey<K, N>) -> (bucket: Int, value: Value)? where Key == EntryKey<K, N> {
        lookup(address.entryKey, hash: address.hash)
    }

    @inlinable @discardableResult
    mutating func updateValue<K, N>(_ value: Value, forKey address: StateKey<K, N>) -> Int where Key == EntryKey<K, N> {
        updateValue(value, forKey: address.entryKey, hash: address.hash)
    }

    @inlinable @discardableResult
    mutating func removeValue<K, N>(forKey address: StateKey<K, N>) -> Value? where Key == EntryKey<K, N> {
        removeValue(forKey: address.entryKey, hash: address.hash)
    }

    /// Every entry with its address.
    func entries<K, N>() -> LazyMapSequence<Self, (address: StateKey<K, N>, value: Value)> where Key == EntryKey<K, N> {
        lazy.map { (StateKey(key: $0.key.key, namespace: $0.key.namespace, hash: $0.hash), $0.value) }
    }

    /// Every entry's address.
    func addresses<K, N>() -> LazyMapSequence<Self, StateKey<K, N>> where Key == EntryKey<K, N> {
        entries().map(\.address)  // one fused lazy map
    }
}
