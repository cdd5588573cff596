import EddyMemory

/// A ``SliceHashTable``: open addressing with linear probing over slots of `[key u64 | value]`,
/// rounded up to a power of two, laid out in segments of a ``MemoryOwner``. Key 0 marks an empty
/// slot, so the key 0 itself lives in the table's last slot, which probing skips.
///
/// Grows by doubling at 3/4 load; when the budget has no segments for that, it goes on filling
/// up to 15/16 load and then reports no room (`insert` returns nil), so the caller can spill.
///
/// Thread-safety: one task thread.
public final class SegmentSliceTable: SliceHashTable {
    public let valueSize: Int
    let owner: MemoryOwner
    let slotShift: Int
    let slotsPerSegmentShift: Int
    private(set) var segments: [MemorySegment] = []
    private(set) var capacity = 0
    public private(set) var count = 0
    private var hasZeroKey = false

    /// - Parameters:
    ///   - valueSize: bytes per value (at most a quarter of a segment).
    ///   - owner: where segments come from and go back to.
    public init(valueSize: Int, owner: MemoryOwner) {
        precondition(valueSize >= 0 && valueSize <= owner.segmentSize / 4, "value size \(valueSize) does not fit a slice table slot")
        self.valueSize = valueSize
        self.owner = owner
        var shift = 3
        while 1 << shift < 8 + valueSize { shift += 1 }
        slotShift = shift
        slotsPerSegmentShift = owner.segmentSize.trailingZeroBitCount - shift
    }

    deinit { release() }

    public var segmentCount: Int { segments.count }

    @inline(__always)
    func slot(_ index: Int) -> SliceSlot {
        let segment = segments[index &>> slotsPerSegmentShift]
        return SliceSlot(segment: segment, offset: ((index & ((1 &<< slotsPerSegmentShift) &- 1)) &<< slotShift) &+ 8)
    }

    @inline(__always)
    private func key(at index: Int) -> UInt64 {
        let place = slot(index)
        return place.segment.get(UInt64.self, at: place.offset &- 8)
    }

    /// The last slot, reserved for key 0.
    private var zeroSlot: Int { capacity &- 1 }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        let index = Int(truncatingIfNeeded: SliceHashTableMix.mix(key)) & (capacity &- 1)
        return index == zeroSlot ? 0 : index
    }

    @inline(__always)
    private func next(_ index: Int) -> Int {
        let following = index &+ 1
        return following >= zeroSlot ? 0 : following
    }

    public func find(_ key: UInt64) -> SliceSlot? {
        guard capacity > 0 else { return nil }
        if key == 0 { return hasZeroKey ? slot(zeroSlot) : nil }
        var index = home(key)
        while true {
            let stored = self.key(at: index)
            if stored == key { return slot(index) }
            if stored == 0 { return nil }
            index = next(index)
        }
    }

    public func insert(_ key: UInt64) -> (slot: SliceSlot, inserted: Bool)? {
        if let found = find(key) { return (found, false) }
        if capacity == 0 || count &+ 1 > capacity / 4 * 3 {
            if !grow() && (capacity == 0 || count &+ 1 > capacity / 16 * 15) { return nil }
        }
        let index: Int
        if key == 0 {
            hasZeroKey = true
            index = zeroSlot
        } else {
            var probe = home(key)
            while self.key(at: probe) != 0 { probe = next(probe) }
            index = probe
        }
        let place = slot(index)
        place.segment.put(key, at: place.offset &- 8)
        if valueSize > 0 { place.segment.fill(0, at: place.offset, count: valueSize) }
        count &+= 1
        return (place, true)
    }

    public func forEach(_ body: (UInt64, SliceSlot) throws -> Void) rethrows {
        guard capacity > 0 else { return }
        for index in 0..<zeroSlot {
            let stored = key(at: index)
            if stored != 0 { try body(stored, slot(index)) }
        }
        if hasZeroKey { try body(0, slot(zeroSlot)) }
    }

    public func release() {
        owner.release(segments)
        segments = []
        capacity = 0
        count = 0
        hasZeroKey = false
    }

    /// Doubles the capacity (or makes the first segment), moving every entry.
    /// - Returns: false when the budget has no room; the table is unchanged then.
    private func grow() -> Bool {
        let newCapacity = capacity == 0 ? 1 &<< slotsPerSegmentShift : capacity &* 2
        let newSegments: [MemorySegment]
        do { newSegments = try owner.allocate(count: Swift.max(newCapacity &>> slotsPerSegmentShift, 1)) } catch { return false }
        for segment in newSegments { segment.fill(0) }
        let old = SegmentSliceTable(valueSize: valueSize, owner: owner)
        (old.segments, old.capacity, old.count, old.hasZeroKey) = (segments, capacity, count, hasZeroKey)
        (segments, capacity, count, hasZeroKey) = (newSegments, newCapacity, 0, false)
        old.forEach { key, from in
            let to = insertFresh(key)
            from.segment.copy(from: from.offset, to: to.segment, at: to.offset, count: valueSize)
        }
        old.release()
        return true
    }

    /// Inserts a key known to be absent, with room known to be there (growing).
    private func insertFresh(_ key: UInt64) -> SliceSlot {
        var index = zeroSlot
        if key == 0 {
            hasZeroKey = true
        } else {
            index = home(key)
            while self.key(at: index) != 0 { index = next(index) }
        }
        let place = slot(index)
        place.segment.put(key, at: place.offset &- 8)
        count &+= 1
        return place
    }
}

/// The hash of slice table keys: MurmurHash3's 64-bit finalizer, so sequential keys spread.
enum SliceHashTableMix {
    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 {
        var h = key
        h ^= h &>> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h &>> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h &>> 33
        return h
    }
}
