import EddyCore

/// The event-time and processing-time timers of one keyed operator, as Flink's
/// `InternalTimerService`: timers on (key, namespace, time), deduplicated, fired in time order.
///
/// Storage (Flink's heap timers): each time domain keeps its timers in an in-memory binary heap on
/// time plus, per key group, a dictionary that deduplicates them, so a snapshot writes them grouped by
/// key group (``snapshot()``) and a restore keeps only the key groups this subtask owns
/// (``restore(from:)``), which is what rescaling needs. Timers stay in memory whatever the state
/// backend, as Flink's default does even with RocksDB: a timer is small, the heap is fast (O(log n)
/// register, delete and fire, no serialization per timer) and simple; timers kept in RocksDB, for
/// jobs with more timers than memory, can come later behind the same API.
///
/// Keys go to key groups by the Murmur3 hash of their serialized bytes
/// (``KeyGroupRangeAssignment``), never by Swift's per-process `hashValue`.
///
/// Firing sets nothing itself: the operator sets the current key of its state backend inside
/// `fire`. A timer is removed before `fire` is called, so `fire` may register or delete timers,
/// including timers at or before the time being advanced to, which fire in the same advance.
/// Equal times fire in registration order.
///
/// Thread-safety: confined to the task thread of its operator.
public final class InternalTimerService<Key: Hashable, Namespace: Hashable> {
    /// Names the timers in snapshots (Flink: `user-timers`, `window-timers`).
    public let name: String
    public let keyGroupRange: KeyGroupRange
    public let maxParallelism: Int
    /// The last watermark advanced to; `Int64.min` before the first.
    @inlinable public var currentWatermark: Int64 { watermark }
    /// The last processing time advanced to; `Int64.min` before the first.
    @inlinable public var currentProcessingTime: Int64 { processingTime }

    // The per-timer path is inlinable so operators get it specialized for their key and namespace
    // types (a window operator registers and deletes timers per element).
    @usableFromInline var watermark = Int64.min
    @usableFromInline var processingTime = Int64.min
    @usableFromInline var eventTimers: TimerQueue<Key, Namespace>
    @usableFromInline var processingTimers: TimerQueue<Key, Namespace>
    let writeKey: (Key, inout ByteArrayWriter) -> Void
    let readKey: (inout ByteArrayReader) throws(SerializationError) -> Key
    let writeNamespace: (Namespace, inout ByteArrayWriter) -> Void
    let readNamespace: (inout ByteArrayReader) throws(SerializationError) -> Namespace
    /// The key group of a key, hashed while serializing (no buffer per registration).
    @usableFromInline let keyGroupOfKey: (Key) -> Int

    /// - Parameters:
    ///   - name: the service's name, checked on restore.
    ///   - keySerializer: the keyed backend's key serializer (it decides key groups).
    ///   - namespaceSerializer: writes namespaces in snapshots (``VoidNamespaceSerializer`` for none).
    ///   - keyGroupRange: the key groups this subtask owns.
    ///   - maxParallelism: the job's max parallelism (number of key groups).
    public init<KS: Serializer, NS: Serializer>(
        name: String = "user-timers", keySerializer: KS, namespaceSerializer: NS,
        keyGroupRange: KeyGroupRange, maxParallelism: Int = KeyGroupRangeAssignment.defaultMaxParallelism
    ) where KS.Value == Key, NS.Value == Namespace {
        precondition(
            keyGroupRange.isEmpty || keyGroupRange.end < maxParallelism,
            "\(keyGroupRange) exceeds max parallelism \(maxParallelism)")
        self.name = name
        self.keyGroupRange = keyGroupRange
        self.maxParallelism = maxParallelism
        eventTimers = TimerQueue(keyGroupRange: keyGroupRange)
        processingTimers = TimerQueue(keyGroupRange: keyGroupRange)
        writeKey = { key, writer in keySerializer.serialize(key, to: &writer) }
        keyGroupOfKey = { key in
            KeyGroupRangeAssignment.keyGroup(for: key, serializer: keySerializer, maxParallelism: maxParallelism)
        }
        readKey = { reader throws(SerializationError) in try keySerializer.deserialize(from: &reader) }
        writeNamespace = { namespace, writer in namespaceSerializer.serialize(namespace, to: &writer) }
        readNamespace = { reader throws(SerializationError) in try namespaceSerializer.deserialize(from: &reader) }
    }

    @inlinable public var numberOfEventTimeTimers: Int { eventTimers.count }
    @inlinable public var numberOfProcessingTimeTimers: Int { processingTimers.count }
    /// When the earliest processing-time timer is due: the task's next wake-up.
    @inlinable public var nextProcessingTimerTime: Int64? { processingTimers.earliestTime }
    /// The earliest event-time timer.
    @inlinable public var nextEventTimerTime: Int64? { eventTimers.earliestTime }

    /// Registers an event-time timer; a timer with the same key, namespace and time is kept once.
    /// A timer at or before the current watermark fires on the next advance.
    /// - Returns: whether it was new.
    /// - Precondition: the key belongs to ``keyGroupRange``.
    /// - Complexity: O(log n), plus serializing the key once to find its key group.
    @inlinable @discardableResult
    public func registerEventTimeTimer(key: Key, namespace: Namespace, time: Int64) -> Bool {
        eventTimers.add(TimerID(key: key, namespace: namespace, time: time), keyGroup: keyGroup(of: key))
    }

    /// Deletes an event-time timer.
    /// - Returns: whether it was registered.
    /// - Complexity: O(log n).
    @inlinable @discardableResult
    public func deleteEventTimeTimer(key: Key, namespace: Namespace, time: Int64) -> Bool {
        eventTimers.remove(TimerID(key: key, namespace: namespace, time: time), keyGroup: keyGroup(of: key))
    }

    /// Registers a processing-time timer; a timer with the same key, namespace and time is kept once.
    /// - Returns: whether it was new.
    /// - Complexity: O(log n).
    @inlinable @discardableResult
    public func registerProcessingTimeTimer(key: Key, namespace: Namespace, time: Int64) -> Bool {
        processingTimers.add(TimerID(key: key, namespace: namespace, time: time), keyGroup: keyGroup(of: key))
    }

    /// Deletes a processing-time timer.
    /// - Returns: whether it was registered.
    /// - Complexity: O(log n).
    @inlinable @discardableResult
    public func deleteProcessingTimeTimer(key: Key, namespace: Namespace, time: Int64) -> Bool {
        processingTimers.remove(TimerID(key: key, namespace: namespace, time: time), keyGroup: keyGroup(of: key))
    }

    /// Sets the watermark to `time` and fires every event-time timer at or before it, earliest first.
    /// - Parameter fire: called with each timer's key, namespace and time; the operator sets its
    ///   current key there. Timers it registers at or before `time` fire in this same call.
    /// - Throws: what `fire` throws; the timer being fired is then already removed, and the rest
    ///   stay queued (the task fails and restores from a checkpoint).
    @inlinable
    public func advanceWatermark(to time: Int64, fire: (Key, Namespace, Int64) throws -> Void) rethrows {
        watermark = time
        while let timer = eventTimers.pollDue(atOrBefore: time) {
            try fire(timer.key, timer.namespace, timer.time)
        }
    }

    /// Sets processing time to `time` and fires every processing-time timer at or before it, as
    /// ``advanceWatermark(to:fire:)`` does for event time.
    @inlinable
    public func advanceProcessingTime(to time: Int64, fire: (Key, Namespace, Int64) throws -> Void) rethrows {
        processingTime = time
        while let timer = processingTimers.pollDue(atOrBefore: time) {
            try fire(timer.key, timer.namespace, timer.time)
        }
    }

    /// The key group of `key`, from its serialized bytes.
    @inlinable func keyGroup(of key: Key) -> Int { keyGroupOfKey(key) }
}
