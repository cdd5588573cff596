import EddyMemory

/// Exact distinct users per sliding window in O(1) per record and per window: per user the last
/// slice it was seen in (a ``SegmentHashTable`` entry of 4 bytes: the slice as an offset from a
/// base), and per slice the number of users whose last-seen slice it is (``SliceCounters``). A
/// window's count is the sum of its slices' counts, kept as a running sum.
///
/// Exact under disorder: records are applied only at the *frontier*, the last slice of the next
/// window to fire. A record of a later slice waits in a ``FrontierBuffer`` until the frontier gets
/// there (moving its user to that slice earlier would drop the user from a window not yet fired);
/// a record of an earlier slice is late. So when a window fires, every user's entry holds the
/// latest slice up to the window's end, and the users counted are exactly those seen in it.
///
/// Users whose last slice left every window are stale: they are swept out of the table when they
/// make up a quarter of it as it is about to grow, or half of it as windows fire. When the budget
/// cannot hold a new user even so, the user goes to the ``DistinctSpillStore`` (once that happened,
/// a user new to the table is looked up there first).
public final class ExactDistinctCounter: SlidingDistinctCounter {
    public static let stateName = "distinct-exact"
    public let windows: SliceWindows
    let memory: MemoryOwner
    @exclusivity(unchecked) var table: SegmentHashTable
    let buffer: FrontierBuffer
    @exclusivity(unchecked) var counters: SliceCounters
    let spill: (any DistinctSpillStore)?
    /// The last slice of the next window to fire; nil until a watermark finds data.
    @exclusivity(unchecked) var frontier: Int64?
    /// The first slice whose window has not fired; nil before the first watermark.
    @exclusivity(unchecked) var firstUnfired: Int64?
    /// Slices are stored as `UInt32(slice - base)`.
    @exclusivity(unchecked) var base: Int64 = 0
    /// Users in the table whose last slice left every window.
    @exclusivity(unchecked) var stale: Int64 = 0
    /// Whether some users went to the spill store.
    @exclusivity(unchecked) public internal(set) var spilling = false
    public internal(set) var spilledUsers: Int64 = 0

    /// - Parameters:
    ///   - memory: where the table and the buffer take their segments.
    ///   - expectedUsers: users the table is first sized for (it grows beyond).
    ///   - spill: where users go when the budget is used up; without it, a full budget fails the job.
    public init(
        windows: SliceWindows, memory: MemoryOwner, expectedUsers: Int = 0, spill: (any DistinctSpillStore)? = nil
    ) throws(MemoryError) {
        self.windows = windows
        self.memory = memory
        self.spill = spill
        table = try SegmentHashTable(valueWidth: 4, memory: memory, initialCapacity: expectedUsers)
        buffer = FrontierBuffer(memory: memory)
        counters = SliceCounters(slicesPerWindow: windows.slicesPerWindow)
        installGrowthHook()
    }

    func installGrowthHook() {
        table.beforeGrowth = { [unowned self] in stale > 0 && stale * 4 >= Int64(table.count) && evictStale() > 0 }
    }

    public var memoryBytes: Int { table.memoryBytes + buffer.segmentCount * memory.segmentSize }
    /// Users in the table (live and stale).
    public var tableCount: Int { table.count }
    /// Records waiting for the frontier.
    public var bufferedRecords: Int { buffer.count }

    @inline(__always)
    public func add(user: UInt64, timestamp: Int64) throws -> Bool {
        let slice = windows.slice(of: timestamp)
        if let frontier {
            if slice == frontier {
                try apply(user, at: frontier)
                return true
            }
            if slice < frontier { return false }
        } else if let firstUnfired, slice < firstUnfired {
            return false
        }
        buffer.append(user, slice: slice)
        return true
    }

    public func advanceWatermark(to watermark: Int64, emit: (DistinctCountResult) throws -> Void) throws {
        let target = windows.firstUnfiredSlice(atWatermark: watermark)
        if let firstUnfired, target <= firstUnfired { return }
        firstUnfired = target
        if frontier == nil {
            // The first window that can hold data ends with the smallest slice seen, or with the
            // first unfired slice if that is earlier (records may still come for it).
            guard let smallest = buffer.smallestSlice else { return }
            frontier = min(smallest, target)
            base = frontier!
        }
        var slice = frontier!
        while slice < target {
            try buffer.drain(through: slice) { user, _ in try apply(user, at: slice) }
            if counters.recordSum > 0 {
                try emit(DistinctCountResult(
                    start: windows.windowStart(lastSlice: slice), end: windows.windowEnd(lastSlice: slice),
                    count: counters.userSum))
            }
            stale += counters.evict(slice - windows.slicesPerWindow + 1)
            slice += 1
            if counters.recordSum == 0 {
                // Every slice in the ring is empty: skip to the next slice with data.
                slice = max(slice, min(buffer.smallestSlice ?? target, target))
            }
            frontier = slice
        }
        frontier = slice
        if slice != Int64.max { try buffer.drain(through: slice) { user, _ in try apply(user, at: slice) } }
        if stale * 2 > Int64(table.count) { evictStale() }
    }

    /// Sets `user`'s last slice to `slice` (the frontier) and updates the counts.
    @inline(__always)
    func apply(_ user: UInt64, at slice: Int64) throws {
        counters.addRecord(at: slice)
        try place(user, at: slice)
    }

    @inline(__always)
    func place(_ user: UInt64, at slice: Int64) throws {
        let offset = slice - base
        guard offset < Int64(UInt32.max) else {
            throw DistinctCountError(.outOfRange, "event time spans \(offset) slices of \(windows.slideMillis) ms, more than 2^32")
        }
        let found: (slot: HashTableSlot, inserted: Bool)
        do {
            found = try table.findOrInsert(user)
        } catch {
            return try placeWhenFull(user, at: slice, error)
        }
        if found.inserted {
            table.store(UInt32(truncatingIfNeeded: offset), at: found.slot)
            if spilling, let old = try spill?.lastSlice(of: user) { return move(from: old, to: slice, wasStale: false) }
            counters.addUser(at: slice)
            return
        }
        let old = Int64(table.load(UInt32.self, at: found.slot)) + base
        guard old < slice else { return }
        table.store(UInt32(truncatingIfNeeded: offset), at: found.slot)
        move(from: old, to: slice, wasStale: true)
    }

    /// A known user seen again in `slice`: counted anew if its old slice left every window.
    /// - Parameter wasStale: whether the user counts in ``stale`` once its slice left (table users do).
    @inline(__always)
    func move(from old: Int64, to slice: Int64, wasStale: Bool) {
        if old > slice - windows.slicesPerWindow {
            if old < slice { counters.moveUser(from: old, to: slice) }
        } else {
            counters.addUser(at: slice)
            if wasStale { stale -= 1 }
        }
    }

    /// The slow path of a new user the table cannot take: sweep stale users, else spill.
    @inline(never)
    func placeWhenFull(_ user: UInt64, at slice: Int64, _ error: MemoryError) throws {
        if stale > 0 && evictStale() > 0 { return try place(user, at: slice) }
        guard let spill else { throw error }
        spilling = true
        if let old = try spill.lastSlice(of: user) {
            guard old < slice else { return }
            try spill.setLastSlice(slice, of: user)
            move(from: old, to: slice, wasStale: false)
        } else {
            try spill.setLastSlice(slice, of: user)
            spilledUsers += 1
            counters.addUser(at: slice)
        }
    }

    /// Exact counts of disjoint users add up: no sketch.
    public func windowSketch() -> [UInt8] { [] }

    public func releaseMemory() {
        table.releaseMemory()
        buffer.releaseMemory()
    }

    /// Removes the users whose last slice left every window.
    /// - Returns: how many.
    @discardableResult
    func evictStale() -> Int {
        guard let frontier else { return 0 }
        let oldest = frontier - windows.slicesPerWindow + 1
        let removed = table.removeAll { [table, base] _, slot in Int64(table.load(UInt32.self, at: slot)) + base < oldest }
        stale = 0
        return removed
    }
}
