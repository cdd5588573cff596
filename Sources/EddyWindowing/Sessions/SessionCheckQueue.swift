/// Pending checks of the keys in a ``SessionTable``: a binary min-heap of (time, key bits) pairs in
/// one array, no object per check (the general timer service keeps a class node per timer and a
/// dictionary to find it). Checks are never deleted: a key whose check moved keeps the old pair,
/// which the table's stored check time shows stale when it is popped.
///
/// Rebuilt from the table on restore, so it is not part of snapshots.
///
/// Thread-safety: the task thread only.
@usableFromInline
struct SessionCheckQueue {
    @usableFromInline
    struct Check {
        @usableFromInline var time: Int64
        @usableFromInline var key: UInt64

        @inlinable init(time: Int64, key: UInt64) {
            self.time = time
            self.key = key
        }
    }

    @usableFromInline var heap: [Check] = []

    @inlinable init() {}

    @inlinable var count: Int { heap.count }

    /// The earliest check time.
    @inlinable var earliest: Int64? { heap.first?.time }

    /// - Complexity: O(log n); O(1) when `time` is not earlier than its parent's (checks arrive
    ///   roughly in time order).
    @inlinable
    mutating func push(_ time: Int64, key: UInt64) {
        var index = heap.count
        heap.append(Check(time: time, key: key))
        while index > 0 {
            let parent = (index &- 1) &>> 1
            guard heap[parent].time > time else { break }
            heap[index] = heap[parent]
            index = parent
        }
        heap[index] = Check(time: time, key: key)
    }

    /// Removes and returns the earliest check if it is at or before `time`.
    /// - Complexity: O(log n).
    @inlinable
    mutating func pop(dueBy time: Int64) -> Check? {
        guard let first = heap.first, first.time <= time else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty { siftDown(last) }
        return first
    }

    /// Puts `moving` at the root's place and sifts it down.
    @inlinable
    mutating func siftDown(_ moving: Check) {
        let count = heap.count
        var index = 0
        while true {
            var child = index &* 2 &+ 1
            guard child < count else { break }
            if child &+ 1 < count && heap[child &+ 1].time < heap[child].time { child &+= 1 }
            guard heap[child].time < moving.time else { break }
            heap[index] = heap[child]
            index = child
        }
        heap[index] = moving
    }

    /// Replaces the contents with `checks` (sorted, which is heap order).
    /// - Complexity: O(n log n).
    mutating func rebuild(_ checks: [Check]) {
        heap = checks.sorted { $0.time < $1.time }
    }

    mutating func removeAll() { heap = [] }
}
