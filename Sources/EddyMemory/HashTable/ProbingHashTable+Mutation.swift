extension ProbingHashTable {
    /// The value under `key`, nil if absent; setting nil removes it.
    /// - Complexity: O(1) expected; an in-place mutation (`table[k, hash: h]?.x = y`) moves the value
    ///   out and back, without copying it.
    @inlinable
    public subscript(key: Key, hash hash: UInt32) -> Value? {
        get {
            let (bucket, found) = storage.find(key, hash: hash)
            return found ? storage.slots[bucket].value : nil
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key, hash: hash)
            } else {
                removeValue(forKey: key, hash: hash)
            }
        }
        _modify {
            makeUnique()
            let (bucket, found) = storage.find(key, hash: hash)
            var value: Value? = found ? (storage.slots + bucket).pointer(to: \.value)!.move() : nil
            defer { settle(value, key: key, hash: hash, bucket: bucket, wasFound: found) }
            yield &value
        }
    }

    /// After a `_modify` of an optional value: puts the value back, inserts it, or removes the entry.
    @inlinable
    mutating func settle(_ value: consuming Value?, key: Key, hash: UInt32, bucket: Int, wasFound: Bool) {
        switch (value, wasFound) {
        case (let value?, true):
            (storage.slots + bucket).pointer(to: \.value)!.initialize(to: value)
        case (nil, true):
            (storage.slots + bucket).pointer(to: \.key)!.deinitialize(count: 1)
            storage.closeGap(at: bucket)
        case (let value?, false):
            insertNew(key, value, hash: hash, at: bucket)
        case (nil, false):
            break
        }
    }

    /// The value under `key`, inserted as `defaultValue()` first if absent, for in-place mutation.
    @inlinable
    public subscript(key: Key, hash hash: UInt32, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key, hash: hash] ?? defaultValue() }
        _modify {
            makeUnique()
            var (bucket, found) = storage.find(key, hash: hash)
            if !found { bucket = insertNew(key, defaultValue(), hash: hash, at: bucket) }
            yield &storage.slots[bucket].value
        }
    }

    /// Stores `value` under `key`.
    /// - Returns: the bucket now holding it.
    @inlinable @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key, hash: UInt32) -> Int {
        makeUnique()
        let (bucket, found) = storage.find(key, hash: hash)
        if found {
            storage.slots[bucket].value = value
            return bucket
        }
        return insertNew(key, value, hash: hash, at: bucket)
    }

    /// Removes `key`'s entry.
    /// - Returns: its value, nil if there was none.
    @inlinable @discardableResult
    public mutating func removeValue(forKey key: Key, hash: UInt32) -> Value? {
        let (bucket, found) = storage.find(key, hash: hash)
        guard found else { return nil }
        // A copy keeps bucket positions, so the bucket found in the shared storage is the same.
        makeUnique()
        let slot = (storage.slots + bucket).move()
        storage.closeGap(at: bucket)
        return slot.value
    }

    /// Removes every entry, keeping no storage beyond the smallest.
    public mutating func removeAll() {
        storage = Storage(bucketCount: Storage.minimumBucketCount)
    }

    /// Inserts `key`, known to be absent, at `bucket` from a find on the current storage, growing
    /// first if the table is at its threshold.
    /// - Precondition: the storage is unique.
    /// - Returns: the bucket now holding it.
    @inlinable @discardableResult
    mutating func insertNew(_ key: Key, _ value: Value, hash: UInt32, at bucket: Int) -> Int {
        var bucket = bucket
        if storage.count >= storage.growthThreshold {
            resize(bucketCount: storage.bucketCount * 2)
            bucket = storage.find(key, hash: hash).bucket
        }
        storage.initialize(bucket, key: key, value: value, hash: hash)
        return bucket
    }

    @usableFromInline @inline(never)
    mutating func resize(bucketCount: Int) {
        let moving = isKnownUniquelyReferenced(&storage)
        storage = storage.rehashed(bucketCount: bucketCount, moving: moving)
    }
}
