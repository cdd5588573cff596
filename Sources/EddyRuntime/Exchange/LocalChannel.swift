import DequeModule
import EddyMemory
import Synchronization

/// One producer-to-consumer channel between two tasks in this process: a bounded queue of filled
/// buffers and a fixed set of segments circulating between the two sides.
///
/// Credit-based flow control as Flink's, made local: a free segment is a credit. The producer needs
/// one to write into; when the consumer has not yet returned any (it is slower), the producer blocks
/// in ``takeFreeSegment()``. That wait is backpressure, and it is what slows a source down to its
/// slowest consumer while memory stays at `capacity` segments per channel.
///
/// Thread-safety: one producer thread and one consumer thread; all shared state under `lock`.
public final class LocalChannel: @unchecked Sendable {  // queues guarded by `lock`
    public let capacity: Int
    private let owner: MemoryOwner
    private let lock = ConditionLock()
    private var full = Deque<NetworkBuffer>()
    private var free: [MemorySegment]
    private var finished = false
    private var cancelled = false
    /// Unaligned barriers not yet seen by the consumer, each with the number of queued buffers it
    /// overtook (and that logically precede it), decremented as the consumer takes them.
    private var priority = Deque<(barrier: CheckpointBarrier, overtaken: Int)>()
    /// `priority.count`, readable without the lock: the consumer checks it once per burst.
    private let priorityCount = Atomic<Int>(0)
    /// Woken when a buffer arrives; the consumer task's notifier.
    private let consumer: TaskNotifier
    /// Time the producer spent waiting for a free segment, in nanoseconds.
    private var blockedNanoseconds: UInt64 = 0
    /// The producing task's time accounting: waiting for credit is backpressured time. Set at
    /// deployment, before the producer starts.
    public var producerAccounting: TaskTimeAccounting?

    /// - Parameters:
    ///   - owner: the memory owner the channel's segments are taken from (released on `close`).
    ///   - capacity: segments circulating in this channel (Flink's exclusive buffers + floating).
    ///   - consumer: the consuming task's notifier.
    /// - Throws: ``MemoryError`` when the budget cannot give `capacity` segments.
    public init(owner: MemoryOwner, capacity: Int = 4, consumer: TaskNotifier) throws {
        precondition(capacity >= 2, "a channel needs at least two buffers to overlap producer and consumer")
        self.owner = owner
        self.capacity = capacity
        self.consumer = consumer
        free = try owner.allocate(count: capacity)
    }

    public var segmentSize: Int { owner.segmentSize }

    // MARK: producer side

    /// A free segment to fill, waiting while there is none (backpressure).
    /// - Returns: nil when the channel was cancelled.
    public func takeFreeSegment() -> MemorySegment? {
        lock.withLock {
            if let segment = free.popLast() { return segment }
            let start = monotonicNanoseconds()
            let previous = producerAccounting?.state
            producerAccounting?.enter(.backpressured, now: start)
            while free.isEmpty && !cancelled { lock.wait() }
            let end = monotonicNanoseconds()
            blockedNanoseconds &+= end - start
            if let previous { producerAccounting?.enter(previous, now: end) }
            return cancelled ? nil : free.popLast()
        }
    }

    /// Hands a filled buffer to the consumer.
    public func send(_ buffer: NetworkBuffer) {
        lock.withLock {
            full.append(buffer)
            lock.broadcast()  // a consumer may wait in take()
        }
        consumer.signal()
    }

    /// Marks the end of the producer's data (after its last buffer).
    public func finish() {
        lock.withLock {
            finished = true
            lock.broadcast()
        }
        consumer.signal()
    }

    /// Sends an unaligned barrier ahead of the buffers queued now (call ``ChannelOutputView/flush()``
    /// first, so the element-aligned data before it is all queued). Needs no credit.
    public func sendPriority(_ barrier: CheckpointBarrier) {
        lock.withLock {
            priority.append((barrier, full.count))
            priorityCount.add(1, ordering: .releasing)
            lock.broadcast()
        }
        consumer.signal()
    }

    /// Nanoseconds the producer has spent blocked for lack of credit.
    public var backpressuredNanoseconds: UInt64 { lock.withLock { blockedNanoseconds } }

    // MARK: consumer side

    /// The next filled buffer, or nil when none is queued now.
    public func poll() -> NetworkBuffer? {
        lock.withLock { popFirst() }
    }

    /// The next filled buffer, waiting for one; nil once the producer finished (or on cancel) and the
    /// queue is empty.
    public func take() -> NetworkBuffer? {
        lock.withLock {
            while full.isEmpty && !finished && !cancelled { lock.wait() }
            return popFirst()
        }
    }

    /// Under `lock`: the first queued buffer; a buffer taken before a priority barrier was seen is
    /// no longer one it overtook (it is processed before the barrier).
    private func popFirst() -> NetworkBuffer? {
        guard let buffer = full.popFirst() else { return nil }
        for index in priority.indices where priority[index].overtaken > 0 { priority[index].overtaken -= 1 }
        return buffer
    }

    /// Whether an unaligned barrier waits for the consumer (no lock: checked per burst).
    @inline(__always)
    public var hasPriorityEvent: Bool { priorityCount.load(ordering: .acquiring) > 0 }

    /// The oldest unaligned barrier and the queued buffers it overtook, which stay queued (the
    /// consumer records their bytes as channel state and then processes them as usual).
    public func pollPriority() -> (barrier: CheckpointBarrier, overtaken: [NetworkBuffer])? {
        lock.withLock {
            guard let first = priority.popFirst() else { return nil }
            priorityCount.subtract(1, ordering: .releasing)
            return (first.barrier, Array(full.prefix(first.overtaken)))
        }
    }

    /// Whether a buffer is queued now.
    public var hasData: Bool { lock.withLock { !full.isEmpty } }

    /// Whether the producer finished and every buffer was taken.
    public var isDrained: Bool { lock.withLock { finished && full.isEmpty && priority.isEmpty } }

    /// Returns a consumed segment to the producer (one credit).
    public func recycle(_ segment: MemorySegment) {
        lock.withLock {
            free.append(segment)
            lock.broadcast()
        }
    }

    // MARK: lifecycle

    /// Wakes both sides for good; they see nil from then on.
    public func cancel() {
        lock.withLock {
            cancelled = true
            lock.broadcast()
        }
        consumer.signal()
    }

    /// Returns the channel's segments to the owner. Call when both sides are done.
    public func close() {
        let segments: [MemorySegment] = lock.withLock {
            let all = free + full.map(\.segment)
            free.removeAll()
            full.removeAll()
            return all
        }
        owner.release(segments)
    }
}
