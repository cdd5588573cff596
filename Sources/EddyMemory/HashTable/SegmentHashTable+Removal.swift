import EddyCore

extension SegmentHashTable {
    /// Removes `key`.
    /// - Returns: whether it was present.
    /// - Complexity: O(1) expected.
    @discardableResult
    public func remove(_ key: UInt64) -> Bool {
        guard let slot = find(key) else { return false }
        removeBucket(at: Int(slot.page) * bucketsPerPage + (Int(slot.offset) - 9) / stride)
        return true
    }

    /// Removes the entry at `slot` (found by ``find(_:)`` or ``findOrInsert(_:)`` since the last
    /// change), sparing a second lookup of its key.
    /// - Complexity: O(1) expected.
    public func remove(at slot: HashTableSlot) {
        removeBucket(at: Int(slot.page) * bucketsPerPage + (Int(slot.offset) - 9) / stride)
    }

    /// Removes every entry for which `shouldRemove` is true, in one pass over the buckets (evicting
    /// users whose last slice left every window). `shouldRemove` may read values.
    /// - Returns: the number removed.
    /// - Complexity: O(capacity).
    @discardableResult
    public func removeAll(where shouldRemove: (UInt64, HashTableSlot) -> Bool) -> Int {
        guard count > 0 else { return 0 }
        let total = capacity
        // Start after an empty bucket: clusters then never wrap past the start, and the entries a
        // removal shifts back land on buckets not yet examined (the current one is examined again).
        var start = 0
        while isFull(start) { start += 1 }
        var removed = 0
        var index = start + 1 == total ? 0 : start + 1
        while index != start {
            if isFull(index) {
                let (base, at) = address(index)
                let key = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at + 1, as: UInt64.self))
                if shouldRemove(key, HashTableSlot(page: index / bucketsPerPage, offset: at + 9)) {
                    removeBucket(at: index)
                    removed += 1
                    continue
                }
            }
            index = index + 1 == total ? 0 : index + 1
        }
        return removed
    }

    /// Empties the bucket at linear index `hole` and shifts later entries of its cluster back so
    /// every entry stays reachable from its home (Knuth's algorithm R for linear probing).
    func removeBucket(at hole: Int) {
        let total = capacity
        var hole = hole
        var next = hole
        while true {
            next = next + 1 == total ? 0 : next + 1
            guard isFull(next) else { break }
            let (base, at) = address(next)
            let (homePage, homeBucket) = home(Murmur3.hash64(
                UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at + 1, as: UInt64.self))))
            let homeIndex = homePage * bucketsPerPage + homeBucket
            // The entry may move to the hole unless its home lies cyclically in (hole, next].
            let stays = hole <= next ? (homeIndex > hole && homeIndex <= next) : (homeIndex > hole || homeIndex <= next)
            if !stays {
                let (holeBase, holeAt) = address(hole)
                (holeBase + holeAt).copyMemory(from: base + at, byteCount: bucketWidth)
                dirty.insert(hole / bucketsPerPage)
                hole = next
            }
        }
        let (base, at) = address(hole)
        // Zeroed whole, so an empty bucket snapshots the same whatever it held.
        (base + at).initializeMemory(as: UInt8.self, repeating: 0, count: bucketWidth)
        dirty.insert(hole / bucketsPerPage)
        entries -= 1
    }

    func isFull(_ index: Int) -> Bool {
        let (base, at) = address(index)
        return base.load(fromByteOffset: at, as: UInt8.self) != 0
    }

    func address(_ index: Int) -> (UnsafeMutableRawPointer, Int) {
        (bases[index / bucketsPerPage], (index % bucketsPerPage) * stride)
    }
}
