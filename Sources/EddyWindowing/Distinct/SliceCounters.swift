/// Per-slice counts for the slices of the next window to fire, in a ring, with their running sums:
/// users whose last-seen slice is that slice, and records that fell into it. A window's distinct
/// count is the sum of its slices' user counts; sliding by one slice adds the new slice and drops
/// the oldest, so a 360-slice window costs O(1) per emitted window.
struct SliceCounters {
    private(set) var users: [Int64]
    private(set) var records: [Int64]
    let mask: Int
    /// Users whose last-seen slice is in the window.
    private(set) var userSum: Int64 = 0
    /// Records in the window's slices.
    private(set) var recordSum: Int64 = 0

    init(slicesPerWindow: Int64) {
        var size = 1
        while size <= Int(slicesPerWindow) { size <<= 1 }
        users = [Int64](repeating: 0, count: size)
        records = [Int64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) func index(_ slice: Int64) -> Int { Int(truncatingIfNeeded: slice) & mask }

    /// A user seen for the first time in the window, in `slice`.
    @inline(__always) mutating func addUser(at slice: Int64) {
        users[index(slice)] &+= 1
        userSum &+= 1
    }

    /// A user whose last-seen slice moves from `old` (still in the window) to `new`.
    @inline(__always) mutating func moveUser(from old: Int64, to new: Int64) {
        users[index(old)] &-= 1
        users[index(new)] &+= 1
    }

    @inline(__always) mutating func addRecord(at slice: Int64, count: Int64 = 1) {
        records[index(slice)] &+= count
        recordSum &+= count
    }

    /// Drops the oldest slice from the window.
    /// - Returns: the users whose last-seen slice it was: they are now in no window (stale).
    mutating func evict(_ slice: Int64) -> Int64 {
        let i = index(slice)
        let stale = users[i]
        userSum &-= stale
        recordSum &-= records[i]
        users[i] = 0
        records[i] = 0
        return stale
    }

    /// Restores counts taken with ``encode(firstSlice:lastSlice:)``.
    init(slicesPerWindow: Int64, users: [Int64], records: [Int64], firstSlice: Int64) {
        self.init(slicesPerWindow: slicesPerWindow)
        for (offset, (u, r)) in zip(users, records).enumerated() {
            let i = index(firstSlice + Int64(offset))
            self.users[i] = u
            self.records[i] = r
            userSum += u
            recordSum += r
        }
    }

    /// The counts of slices `first...last`, oldest first.
    func counts(from first: Int64, through last: Int64) -> (users: [Int64], records: [Int64]) {
        guard first <= last else { return ([], []) }
        let slices = first...last
        return (slices.map { users[index($0)] }, slices.map { records[index($0)] })
    }
}
