/// Pending checks of the keys in a ``SessionTable``: (time, key bits) pairs in arrays, no object per
/// check (the general timer service keeps a class node per timer and a dictionary to find it).
/// Checks are never deleted: a key whose check moved keeps the old pair, which the table's stored
/// check time shows stale when it is popped.
///
/// A timing wheel in front of a small heap: checks due before ``nearEnd`` are a binary min-heap
/// (`near`); later ones within the wheel's horizon are appended, unsorted, to the wheel bucket of
/// their time (`bucketCount` buckets of 2^`shift` ms); checks beyond the horizon wait in a second
/// heap (`far`, rare: lateness longer than the horizon). When the watermark reaches the next
/// bucket, its checks become the near heap. So a heap operation touches one bucket's checks (a few
/// thousand at a million keys), which stay in cache, instead of a heap of every key's check.
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

    @usableFromInline let shift: Int
    @usableFromInline let bucketCount: Int
    /// Checks before `nearEnd`, a min-heap by time.
    @usableFromInline var near: [Check] = []
    /// Bucket `(time >> shift) & (bucketCount - 1)` holds the checks of `[nearEnd, horizon)` in it.
    @usableFromInline var wheel: [[Check]]
    @usableFromInline var wheelCount = 0
    /// Checks at or after `horizon`, a min-heap by time.
    @usableFromInline var far: [Check] = []
    /// Where the wheel starts: a bucket boundary.
    @usableFromInline var nearEnd = Int64.min

    /// - Parameters:
    ///   - shift: buckets of 2^shift ms (default 256 ms).
    ///   - bucketCount: buckets in the wheel, a power of two (default 256: a horizon of 65 s).
    @inlinable
    init(shift: Int = 8, bucketCount: Int = 256) {
        precondition(shift >= 0 && shift < 32 && bucketCount > 0 && bucketCount & (bucketCount - 1) == 0, "bad check wheel shape")
        self.shift = shift
        self.bucketCount = bucketCount
        wheel = Array(repeating: [], count: bucketCount)
    }

    @inlinable var count: Int { near.count + wheelCount + far.count }

    /// The end of the wheel's last bucket (`Int64.max` when that overflows).
    @inlinable var horizon: Int64 {
        let (end, overflow) = nearEnd.addingReportingOverflow(Int64(bucketCount) &<< Int64(shift))
        return overflow ? Int64.max : end
    }

    /// The start of the bucket `time` falls in (rounded down, also below zero).
    @inlinable func bucketStart(of time: Int64) -> Int64 { (time &>> Int64(shift)) &<< Int64(shift) }

    @inlinable func bucket(of time: Int64) -> Int { Int(truncatingIfNeeded: time &>> Int64(shift)) & (bucketCount &- 1) }

    /// The earliest check time (a scan of one bucket: for tests and diagnostics).
    var earliest: Int64? {
        if let first = near.first { return first.time }
        var start = nearEnd
        for _ in 0..<(wheelCount > 0 ? bucketCount : 0) {
            if let time = wheel[bucket(of: start)].lazy.map(\.time).min() { return time }
            start &+= 1 &<< Int64(shift)
        }
        return far.first?.time
    }

    /// - Complexity: O(1) for a check within the horizon (the usual case); O(log n) otherwise.
    @inlinable
    mutating func push(_ time: Int64, key: UInt64) {
        let check = Check(time: time, key: key)
        if count == 0 { nearEnd = bucketStart(of: time) }
        if time < nearEnd {
            Self.heapPush(check, into: &near)
        } else if time < horizon {
            wheel[bucket(of: time)].append(check)
            wheelCount &+= 1
        } else {
            Self.heapPush(check, into: &far)
        }
    }

    /// Removes and returns the earliest check if it is at or before `time`.
    /// - Complexity: O(log b) for b checks in the near heap, plus moving a bucket into it when the
    ///   watermark reaches one.
    @inlinable
    mutating func pop(dueBy time: Int64) -> Check? {
        while true {
            if let first = near.first {
                guard first.time <= time else { return nil }
                Self.heapPopFirst(&near)
                return first
            }
            guard nearEnd <= time, wheelCount > 0 || !far.isEmpty else { return nil }
            advance()
        }
    }

    /// Moves the next bucket into the (empty) near heap, or jumps the wheel to the far heap's
    /// earliest check when the wheel is empty; refills the wheel from the far heap.
    @usableFromInline
    mutating func advance() {
        if wheelCount == 0, let first = far.first {
            nearEnd = bucketStart(of: first.time)
        } else {
            swap(&near, &wheel[bucket(of: nearEnd)])
            wheelCount &-= near.count
            near.sort { $0.time < $1.time }  // sorted is heap order
            // Overflows only past the last bucket before Int64.max: everything is near then.
            let (next, overflow) = nearEnd.addingReportingOverflow(1 &<< Int64(shift))
            nearEnd = overflow ? Int64.max : next
        }
        let horizon = self.horizon
        while let first = far.first, first.time < horizon {
            Self.heapPopFirst(&far)
            if first.time < nearEnd {
                Self.heapPush(first, into: &near)
            } else {
                wheel[bucket(of: first.time)].append(first)
                wheelCount &+= 1
            }
        }
    }

    /// Replaces the contents with `checks`.
    /// - Complexity: O(n log n).
    mutating func rebuild(_ checks: [Check]) {
        removeAll()
        for check in checks.sorted(by: { $0.time < $1.time }) { push(check.time, key: check.key) }
    }

    mutating func removeAll() {
        near = []
        wheel = Array(repeating: [], count: bucketCount)
        wheelCount = 0
        far = []
        nearEnd = Int64.min
    }

    @inlinable
    static func heapPush(_ check: Check, into heap: inout [Check]) {
        var index = heap.count
        heap.append(check)
        while index > 0 {
            let parent = (index &- 1) &>> 1
            guard heap[parent].time > check.time else { break }
            heap[index] = heap[parent]
            index = parent
        }
        heap[index] = check
    }

    /// Removes the root.
    @inlinable
    static func heapPopFirst(_ heap: inout [Check]) {
        let moving = heap.removeLast()
        let count = heap.count
        guard count > 0 else { return }
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
}
