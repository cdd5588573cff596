import EddyCore

/// The timers of one time domain: a ``TimerHeap`` ordered on time plus, per key group, a dictionary
/// from (key, namespace, time) to the heap node, which deduplicates, deletes in O(log n) and lists a
/// key group's timers for snapshots (Flink's `HeapPriorityQueueSet`).
///
/// Thread-safety: task thread only.
struct TimerQueue<Key: Hashable, Namespace: Hashable> {
    typealias ID = TimerID<Key, Namespace>
    typealias Node = TimerNode<Key, Namespace>

    let keyGroupRange: KeyGroupRange
    private var heap = TimerHeap<Key, Namespace>()
    private var byKeyGroup: [[ID: Node]]
    private var nextSequence: UInt64 = 0

    init(keyGroupRange: KeyGroupRange) {
        self.keyGroupRange = keyGroupRange
        byKeyGroup = Array(repeating: [:], count: keyGroupRange.count)
    }

    var count: Int { heap.count }
    /// The earliest time, if any timer is queued.
    var earliestTime: Int64? { heap.top?.time }

    /// Adds the timer unless it is queued already.
    /// - Returns: whether it was added.
    /// - Complexity: O(log n).
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
    /// - Complexity: O(log n).
    mutating func remove(_ id: ID, keyGroup: Int) -> Bool {
        guard let node = byKeyGroup[slot(keyGroup)].removeValue(forKey: id) else { return false }
        heap.remove(node)
        return true
    }

    /// Removes and returns the earliest timer if its time is at or before `time`.
    mutating func pollDue(atOrBefore time: Int64) -> ID? {
        guard let top = heap.top, top.time <= time else { return nil }
        _ = heap.popTop()
        byKeyGroup[slot(top.keyGroup)].removeValue(forKey: top.id)
        return top.id
    }

    /// The timers of `keyGroup` in firing order.
    /// - Complexity: O(m log m) for m timers in the key group.
    func timers(inKeyGroup keyGroup: Int) -> [ID] { frozen().timers(inKeyGroup: keyGroup) }

    /// The timers as they are now, for a snapshot written on another thread: the per-key-group
    /// dictionaries are copy-on-write, so this is O(1) and the queue's next change to a key group
    /// copies that group's dictionary once.
    func frozen() -> FrozenTimers<Key, Namespace> { FrozenTimers(keyGroupRange: keyGroupRange, byKeyGroup: byKeyGroup) }

    @inline(__always)
    private func slot(_ keyGroup: Int) -> Int {
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
