import EddyCore

extension SegmentHashTable {
    /// The slow path of an insert at the growth threshold: let the owner evict, else double the
    /// pages; when the budget refuses, go on up to the hard load, then throw.
    @inline(never) @usableFromInline
    func makeRoom() throws(MemoryError) {
        if let beforeGrowth, beforeGrowth(), count < growthThreshold { return }
        do {
            try rehash(into: pages.count * 2)
        } catch {
            let hardLimit = Int(Double(capacity) * hardLoadFactor)
            guard count < hardLimit else {
                throw MemoryError(
                    .budgetExhausted,
                    "hash table of \(count) entries in \(pages.count) pages is full and cannot grow: \(error.message)",
                    owner: owner.name)
            }
            // Try again after another 1/64 of the capacity (or at the hard limit), not on every insert.
            growthThreshold = min(count + max(capacity / 64, 1), hardLimit)
        }
    }

    /// Moves every entry into `pageCount` fresh pages and releases the old ones.
    /// - Throws: ``MemoryError`` when the pages cannot be allocated; the table is unchanged then.
    func rehash(into pageCount: Int) throws(MemoryError) {
        let newPages = try Self.cleanPages(pageCount, from: owner)
        let old = pages
        let oldBases = bases
        install(newPages)
        dirty.resize(to: pageCount, allDirty: true)
        for page in old.indices {
            let base = oldBases[page]
            for bucket in 0..<bucketsPerPage where base.load(fromByteOffset: bucket * stride, as: UInt8.self) != 0 {
                placeMoved(from: base + bucket * stride)
            }
        }
        owner.release(old)
    }

    /// Copies a bucket whose key is not in the table into the key's first empty bucket.
    func placeMoved(from source: UnsafeMutableRawPointer) {
        let key = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 1, as: UInt64.self))
        var (page, bucket) = home(Murmur3.hash64(key))
        while bases[page].load(fromByteOffset: bucket * stride, as: UInt8.self) != 0 { advance(&page, &bucket) }
        (bases[page] + bucket * stride).copyMemory(from: source, byteCount: bucketWidth)
        dirty.insert(page)
    }
}
