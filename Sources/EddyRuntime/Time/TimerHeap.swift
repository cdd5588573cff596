/// What identifies a timer: deduplication is per (key, namespace, time).
@usableFromInline
struct TimerID<Key: Hashable, Namespace: Hashable>: Hashable {
    @usableFromInline var key: Key
    @usableFromInline var namespace: Namespace
    @usableFromInline var time: Int64

    @inlinable
    init(key: Key, namespace: Namespace, time: Int64) {
        self.key = key
        self.namespace = namespace
        self.time = time
    }
}

/// A timer in a ``TimerHeap``. A class, as Flink's `TimerHeapInternalTimer`, so it can carry its
/// position in the heap and be deleted in O(log n) without searching.
@usableFromInline
final class TimerNode<Key: Hashable, Namespace: Hashable> {
    @usableFromInline let id: TimerID<Key, Namespace>
    @usableFromInline let keyGroup: Int
    /// Registration order, breaking ties between equal times.
    @usableFromInline let sequence: UInt64
    /// Index in ``TimerHeap/nodes``; maintained by the heap.
    @usableFromInline var heapIndex = -1
    /// Deleted, still in the heap (see ``TimerQueue``).
    @usableFromInline var cancelled = false

    @inlinable
    init(id: TimerID<Key, Namespace>, keyGroup: Int, sequence: UInt64) {
        self.id = id
        self.keyGroup = keyGroup
        self.sequence = sequence
    }

    @inlinable var time: Int64 { id.time }

    /// Heap order: earlier time first, then earlier registration.
    @inlinable @inline(__always)
    func precedes(_ other: TimerNode) -> Bool {
        time != other.time ? time < other.time : sequence < other.sequence
    }
}

/// A binary min-heap of timers on (time, sequence), each node knowing its index so any node can be
/// removed in O(log n) (Flink's `HeapPriorityQueue`).
///
/// Thread-safety: task thread only.
@usableFromInline
struct TimerHeap<Key: Hashable, Namespace: Hashable> {
    @usableFromInline typealias Node = TimerNode<Key, Namespace>
    @usableFromInline var nodes: [Node] = []

    @inlinable init() {}

    @inlinable var count: Int { nodes.count }
    @inlinable var top: Node? { nodes.first }

    /// - Complexity: O(log n).
    @inlinable
    mutating func insert(_ node: Node) {
        node.heapIndex = nodes.count
        nodes.append(node)
        siftUp(node.heapIndex)
    }

    /// Removes `node`, which must be in this heap.
    /// - Complexity: O(log n).
    @inlinable
    mutating func remove(_ node: Node) {
        let index = node.heapIndex
        precondition(index >= 0 && index < nodes.count && nodes[index] === node, "timer is not in this heap")
        let last = nodes.removeLast()
        node.heapIndex = -1
        guard index < nodes.count else { return }
        nodes[index] = last
        last.heapIndex = index
        siftDown(index)
        siftUp(last.heapIndex)
    }

    /// Removes and returns the earliest timer.
    /// - Complexity: O(log n).
    @inlinable
    mutating func popTop() -> Node? {
        guard let first = nodes.first else { return nil }
        remove(first)
        return first
    }

    /// Keeps the nodes `keep` accepts and restores the heap order.
    /// - Complexity: O(n).
    @inlinable
    mutating func rebuild(keeping keep: (Node) -> Bool) {
        nodes.removeAll { !keep($0) }
        for (index, node) in nodes.enumerated() { node.heapIndex = index }
        var index = nodes.count / 2 - 1
        while index >= 0 {
            siftDown(index)
            index -= 1
        }
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        var index = start
        let node = nodes[index]
        while index > 0 {
            let parent = (index - 1) / 2
            guard node.precedes(nodes[parent]) else { break }
            move(from: parent, to: index)
            index = parent
        }
        place(node, at: index)
    }

    @inlinable
    mutating func siftDown(_ start: Int) {
        var index = start
        let node = nodes[index]
        while true {
            let left = 2 * index + 1
            guard left < nodes.count else { break }
            let right = left + 1
            let child = right < nodes.count && nodes[right].precedes(nodes[left]) ? right : left
            guard nodes[child].precedes(node) else { break }
            move(from: child, to: index)
            index = child
        }
        place(node, at: index)
    }

    @inlinable @inline(__always)
    mutating func move(from source: Int, to destination: Int) {
        nodes[destination] = nodes[source]
        nodes[destination].heapIndex = destination
    }

    @inlinable @inline(__always)
    mutating func place(_ node: Node, at index: Int) {
        nodes[index] = node
        node.heapIndex = index
    }
}
