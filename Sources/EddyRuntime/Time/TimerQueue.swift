import EddyCore

/// The timers of one time domain: a ``TimerHeap`` ordered on time plus, per key group, a dictionary
/// from (key, namespace, time) to the heap node, which deduplicates, deletes and lists a key
/// group's timers for snapshots (Flink's `HeapPriorityQueueSet`).
///
/// Deleting is lazy: the node leaves the dictionary and is marked cancelled, and the heap drops it
/// when it reaches the top (or in a rebuild once cancelled nodes are half the heap). A window
/// operator deletes a timer per element when sessions grow, and a heap removal (sift, moving node
/// references) cost more than the rest of the element's work.
///
/// Thread-safety: task thread only.
@usableFromInline
struct TimerQueue<Key: Hashable, Namespace: Hashable> {
    @usableFromInline typealias ID = TimerID<Key, Namespace>
    @usableFromInline typealias Node = TimerNode<Key, Namespace>

    @usableFromInline let keyGroupRange: KeyGroupRange
    @usableFromInline var heap = TimerHeap<Key, Namespace>()
    @usableFromInline var byKeyGroup: [[ID: Node]]
    @usableFromInline var nextSequence: UInt64 = 0
    /// Nodes in the heap that were deleted; never the top.
    @usableFromInline var cancelled = 0

    @usableFromInline
    init(keyGroupRange: KeyGroupRange) {
        self.keyGroupRange = keyGroupRange
        byKeyGroup = Array(repeating: [:], count: keyGroupRange.count)
    }

    @inlinable var count: Int { heap.count - cancelled }
    /// The earliest time, if any timer is queued.
    @inlinable var earliestTime: Int64? { heap.top?.time }

    /// Adds the timer unless it is queued already.
    /// - Returns: whether it was added.
    /// - Complexity: O(log n).
    @inlinable
    mutating func add(_ id: ID, keyGroup: Int) -> Bool {
        let slot = self.slot(keyGroup)
        guard byKeyGroup[slot][id] == nil else { return false }
        let node = Node(id: id, keyGroup: keyGroup, sequence: nextSequence)
        nextSequence &+= 1
        byKeyGroup[slot][id] = node
        heap.insert(node)
        return true
    }

    /// Removes the timer if queued.
    /// - Returns: whether it was queued.
    /// - Complexity: O(1) amortized (the heap drops cancelled nodes later).
    @inlinable
    mutating func remove(_ id: ID, keyGroup: Int) -> Bool {
        guard let node = byKeyGroup[slot(keyGroup)].removeValue(forKey: id) else { return false }
        node.cancelled = true
        cancelled += 1
        dropCancelledTop()
        if cancelled > 1024 && cancelled * 2 > heap.count {
            heap.rebuild { !$0.cancelled }
            cancelled = 0
        }
        return true
    }

    /// Keeps the top a live timer.
    @inlinable
    mutating func dropCancelledTop() {
        while let top = heap.top, top.cancelled {
            _ = heap.popTop()
            cancelled -= 1
        }
    }

    /// Removes and returns the earliest timer if its time is at or before `time`.
    @inlinable
    mutating func pollDue(atOrBefore time: Int64) -> ID? {
        guard let top = heap.top, top.time <= time else { return nil }
        _ = heap.popTop()
        byKeyGroup[slot(top.keyGroup)].removeValue(forKey: top.id)
        dropCancelledTop()
        return top.id
    }

    /// The timers of `keyGroup` in firing order.
    /// - Complexity: O(m log m) for m timers in the key group.
    func timers(inKeyGroup keyGroup: Int) -> [ID] { frozen().timers(inKeyGroup: keyGroup) }

    /// The timers as they are now, for a snapshot written on another thread: the per-key-group
    /// dictionaries are copy-on-write, so this is O(1) and the queue's next change to a key group
    /// copies that group's dictionary once.
    func frozen() -> FrozenTimers<Key, Namespace> { FrozenTimers(keyGroupRange: keyGroupRange, byKeyGroup: byKeyGroup) }

    @inlinable @inline(__always)
    func slot(_ keyGroup: Int) -> Int {
        precondition(keyGroupRange.contains(keyGroup), "key group \(keyGroup) is outside \(keyGroupRange)")
        return keyGroup - keyGroupRange.start
    }
}

/// A read-only copy of a ``TimerQueue``'s timers per key group. The nodes it reads are shared with
/// the live queue, but only their immutable fields (id, key group, sequence) are read here.
struct FrozenTimers<Key: Hashable, Namespace: Hashable> {
    let keyGroupRange: KeyGroupRange
    let byKeyGroup: [[TimerID<Key, Namespace>: TimerNode<Key, Namespace>]]

    /// The timers of `keyGroup` in firing order.
    /// - Complexity: O(m log m) for m timers in the key group.
    func timers(inKeyGroup keyGroup: Int) -> [TimerID<Key, Namespace>] {
        byKeyGroup[keyGroup - keyGroupRange.start].values.sorted { $0.precedes($1) }.map(\.id)
    }
}
