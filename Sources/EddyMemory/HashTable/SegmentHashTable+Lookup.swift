import EddyCore

extension SegmentHashTable {
    /// The home bucket of a hash: page from the high half, bucket from the low half.
    @inlinable @inline(__always)
    func home(_ hash: UInt64) -> (page: Int, bucket: Int) {
        // Parenthesized: shifts bind tighter than multiplication in Swift.
        (Int(truncatingIfNeeded: ((hash &>> 32) &* pageCountValue) &>> 32),
         Int(truncatingIfNeeded: ((hash & 0xFFFF_FFFF) &* bucketsPerPageValue) &>> 32))
    }

    /// The value of `key`, if present.
    /// - Complexity: O(1) expected.
    @inlinable
    public func find(_ key: UInt64) -> HashTableSlot? {
        var (page, bucket) = home(Murmur3.hash64(key))
        while true {
            let base = bases[page]
            let at = bucket &* stride
            if base.load(fromByteOffset: at, as: UInt8.self) == 0 { return nil }
            if UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at &+ 1, as: UInt64.self)) == key {
                return HashTableSlot(page: page, offset: at &+ 9)
            }
            advance(&page, &bucket)
        }
    }

    /// The value of `key`, inserting the key with an all-zero value when absent.
    /// - Returns: the value's slot, and whether the key was inserted.
    /// - Throws: ``MemoryError`` (`budgetExhausted`) when the key is new, the table is at its hard
    ///   load and the owner cannot give it the pages to grow; the table is unchanged then.
    /// - Complexity: O(1) expected; O(n) when it grows.
    @inlinable
    public func findOrInsert(_ key: UInt64) throws(MemoryError) -> (slot: HashTableSlot, inserted: Bool) {
        var (page, bucket) = home(Murmur3.hash64(key))
        while true {
            let base = bases[page]
            let at = bucket &* stride
            if base.load(fromByteOffset: at, as: UInt8.self) == 0 {
                if count >= growthThreshold {
                    try makeRoom()
                    return try findOrInsert(key)
                }
                base.storeBytes(of: 1, toByteOffset: at, as: UInt8.self)
                base.storeBytes(of: key.littleEndian, toByteOffset: at &+ 1, as: UInt64.self)
                (base + (at &+ 9)).initializeMemory(as: UInt8.self, repeating: 0, count: valueWidth)
                entries &+= 1
                dirty.insert(page)
                return (HashTableSlot(page: page, offset: at &+ 9), true)
            }
            if UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at &+ 1, as: UInt64.self)) == key {
                return (HashTableSlot(page: page, offset: at &+ 9), false)
            }
            advance(&page, &bucket)
        }
    }

    /// The next bucket in probe order: the following one, wrapping to the next page and to page 0.
    @inlinable @inline(__always)
    func advance(_ page: inout Int, _ bucket: inout Int) {
        bucket &+= 1
        if bucket == bucketsPerPage {
            bucket = 0
            page &+= 1
            if page == pages.count { page = 0 }
        }
    }

    /// Reads an integer of the value at `slot`, `offset` bytes into it (stored little-endian).
    @inlinable @inline(__always)
    public func load<T: FixedWidthInteger>(_: T.Type, at slot: HashTableSlot, offset: Int = 0) -> T {
        T(littleEndian: bases[Int(slot.page)].loadUnaligned(fromByteOffset: Int(slot.offset) &+ offset, as: T.self))
    }

    /// Writes an integer into the value at `slot`, `offset` bytes into it, and marks its page dirty.
    @inlinable @inline(__always)
    public func store<T: FixedWidthInteger>(_ value: T, at slot: HashTableSlot, offset: Int = 0) {
        bases[Int(slot.page)].storeBytes(of: value.littleEndian, toByteOffset: Int(slot.offset) &+ offset, as: T.self)
        dirty.insert(Int(slot.page))
    }

    /// The key of the entry at `slot`.
    @inlinable
    public func key(at slot: HashTableSlot) -> UInt64 {
        UInt64(littleEndian: bases[Int(slot.page)].loadUnaligned(fromByteOffset: Int(slot.offset) - 8, as: UInt64.self))
    }

    /// Calls `body` with every entry's key and slot, in bucket order. `body` may read and store
    /// values but must not insert or remove.
    public func forEach<E: Error>(_ body: (UInt64, HashTableSlot) throws(E) -> Void) throws(E) {
        for page in pages.indices {
            let base = bases[page]
            for bucket in 0..<bucketsPerPage where base.load(fromByteOffset: bucket * stride, as: UInt8.self) != 0 {
                let at = bucket * stride
                try body(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at + 1, as: UInt64.self)),
                         HashTableSlot(page: page, offset: at + 9))
            }
        }
    }
}
