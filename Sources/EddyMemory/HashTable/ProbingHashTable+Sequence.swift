extension ProbingHashTable: Sequence {
    /// An entry: key, the hash it was inserted with, and value.
    public typealias Element = (key: Key, hash: UInt32, value: Value)

    /// Walks the occupied buckets in bucket order. Holds the storage, so iterating a copy is
    /// unaffected by later writes to the original.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let storage: Storage
        @usableFromInline var bucket = 0

        @inlinable
        init(storage: Storage) { self.storage = storage }

        @inlinable
        public mutating func next() -> Element? {
            bucket = storage.occupiedBucket(from: bucket)
            guard bucket < storage.bucketCount else { return nil }
            defer { bucket += 1 }
            let slot = storage.slots[bucket]
            return (slot.key, storage.hashes[bucket], slot.value)
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(storage: storage) }

    @inlinable
    public var underestimatedCount: Int { storage.count }
}
