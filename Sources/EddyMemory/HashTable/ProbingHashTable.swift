/// A hash table of Swift keys and values with linear probing, for lookups by a hash the caller
/// already has: the heap state backend's per-key-group tables, where each record's key is hashed
/// once from its serialized bytes (with its key group) and then looked up in every state it touches.
///
/// Why not `Dictionary`: a lookup there hashes the key again and reads a key array and a value
/// array, two cache misses per random key once tables outgrow the cache. Here a slot holds the key
/// and its value side by side, so a lookup reads the occupancy bitmap (1 bit per bucket, mostly
/// cached) and one slot. The 32-bit hashes live in an array of their own, read only to grow or to
/// close the gap a removal leaves, never by a lookup.
///
/// Value semantics with copy-on-write, as `Dictionary`: copying is O(1) and the first mutation of a
/// shared storage copies it, bucket positions included. A snapshot thread may read a copy while
/// the owner goes on writing (the reference count is atomic; the owner's next write copies).
///
/// Buckets: ``lookup(_:hash:)`` and ``bucket(of:hash:)`` return a slot's position, valid for
/// ``subscript(valueAt:)`` until the next insertion or removal (growth and backward shifts move
/// entries; a copy-on-write copy does not).
///
/// Keys are compared with `==` on every occupied bucket of a probe, as `Dictionary` does: cheap for
/// integer keys, where comparing stored hashes first would cost another cache line.
///
/// Thread-safety: a value type; one writer at a time per copy, as for `Dictionary`.
public struct ProbingHashTable<Key: Equatable, Value> {
    @usableFromInline var storage: Storage

    /// - Parameter minimumCapacity: entries the table holds before it first grows.
    @inlinable
    public init(minimumCapacity: Int = 0) {
        storage = Storage(bucketCount: Storage.bucketCount(forCapacity: minimumCapacity))
    }

    /// Entries in the table.
    @inlinable
    public var count: Int { storage.count }

    @inlinable
    public var isEmpty: Bool { storage.count == 0 }

    /// Entries the table holds before it next grows.
    @inlinable
    public var capacity: Int { storage.growthThreshold }

    /// The bucket holding `key`, or nil.
    @inlinable @inline(__always)
    public func bucket(of key: Key, hash: UInt32) -> Int? {
        let (bucket, found) = storage.find(key, hash: hash)
        return found ? bucket : nil
    }

    /// `key`'s bucket and value, or nil: a lookup that may be followed by a write to the same
    /// bucket (``subscript(valueAt:)``).
    @inlinable @inline(__always)
    public func lookup(_ key: Key, hash: UInt32) -> (bucket: Int, value: Value)? {
        let (bucket, found) = storage.find(key, hash: hash)
        return found ? (bucket, storage.slots[bucket].value) : nil
    }

    /// The value in an occupied bucket (from ``bucket(of:hash:)`` with no insertion or removal since).
    @inlinable
    public subscript(valueAt bucket: Int) -> Value {
        get {
            storage.checkOccupied(bucket)
            return storage.slots[bucket].value
        }
        set {
            storage.checkOccupied(bucket)
            makeUnique()
            storage.slots[bucket].value = newValue
        }
        _modify {
            storage.checkOccupied(bucket)
            makeUnique()
            yield &storage.slots[bucket].value
        }
    }

    /// The key in an occupied bucket.
    @inlinable
    public func key(at bucket: Int) -> Key {
        storage.checkOccupied(bucket)
        return storage.slots[bucket].key
    }

    /// The hash `key(at: bucket)` was inserted with.
    @inlinable
    public func hash(at bucket: Int) -> UInt32 {
        storage.checkOccupied(bucket)
        return storage.hashes[bucket]
    }

    /// Gives this value its own storage if another copy shares it (copy-on-write).
    @inlinable @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { copyStorage() }
    }

    @inline(never) @usableFromInline
    mutating func copyStorage() { storage = storage.copy() }
}
