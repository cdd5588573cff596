import EddyCore
import EddyMemory
import EddyRuntime
import EddyState

/// Session windows in event time with the default trigger and a reduce or aggregate function: the
/// general ``WindowOperator``'s results with a fraction of its work per element.
///
/// A key with one session in flight (nearly every key) keeps it in a binary ``SessionTable`` on
/// memory segments, with its check in a ``SessionCheckQueue``: an element is one table probe, no
/// object per key, no keyed-backend access. A key with more sessions (disorder, lateness, a gap
/// just past the session gap) keeps them in the keyed backend as one value state entry, its table
/// entry marked so, with check timers in the keyed ``timers`` service — and moves back to the
/// table when a check leaves it one session. Keys the table has no room for (the memory budget is
/// used) live in the backend the same way, unmarked: degraded, never failed. Keys of more than 8
/// serialized bytes and accumulators without a fixed size have no table and all go the backend way.
///
/// Timers are checks: a key keeps one at the earliest time one of its sessions needs attention
/// (its end, or its end plus the allowed lateness once fired); a session that grows past that time
/// is looked at when the check comes and gets a new one then, so a check is scheduled about once
/// per session, never deleted.
///
/// Firing follows the general operator with an ``EventTimeTrigger``: a session fires once when the
/// watermark passes its end, and again for each element that joins it within the allowed lateness;
/// elements late for every session go to the late-data side output.
///
/// Thread-safety: the task thread only.
public final class SessionWindowOperator<Key: Hashable, Assigner: WindowAssigner, Agg: SliceAggregation, AS: Serializer>: OperatorLifecycle
where Assigner.Element == Agg.Input, AS.Value == Agg.Accumulator {
    public let name: String
    @usableFromInline let assigner: Assigner
    @usableFromInline let aggregation: Agg
    @usableFromInline let backend: any KeyedStateBackend<Key>
    /// Sessions of keys with more than one, or without room in the table.
    @usableFromInline let sessions: ValueStateHandle<VoidNamespace, KeySessions<Agg.Accumulator>>
    /// Check timers of the keys whose sessions are in the backend (checkpointed with the backend).
    public let timers: InternalTimerService<Key, VoidNamespace>
    @usableFromInline let table: SessionTable<AS>?
    @usableFromInline @exclusivity(unchecked) var checks = SessionCheckQueue()
    @usableFromInline let accumulatorSerializer: AS
    @usableFromInline let encodeKey: (Key) -> UInt64
    @usableFromInline let decodeKey: (UInt64) throws -> Key
    @usableFromInline let keyGroupOfBits: (UInt64) -> Int
    /// Whether some keys live in the backend without a table entry (the table was full): a key the
    /// table lacks is then looked for in the backend before it gets an entry.
    @exclusivity(unchecked) public internal(set) var keysOutsideTable = false
    /// The table's entry count when an insert last found no room (`Int.max`: none did).
    @usableFromInline @exclusivity(unchecked) var tableFullAt = Int.max
    @usableFromInline let output: Output<Agg.Output>
    @usableFromInline let metrics: OperatorMetrics
    @usableFromInline let settings: WindowOperatorSettings
    @exclusivity(unchecked) public internal(set) var currentWatermark = Int64.min
    let paged = PagedRawKeyedState(name: SessionSnapshotNames.table) { WindowingError(.corruptSnapshot, $0) }

    /// - Parameters:
    ///   - memory: where the session table's pages come from; nil keeps every key in the backend.
    /// - Precondition: `assigner` makes session windows in event time (``TimeWindow``s merged when
    ///   they overlap or touch).
    @inlinable
    public init<B: KeyedStateBackend>(
        backend: B, assigner: Assigner, aggregation: Agg, state: SessionsState<Agg.Accumulator>, accumulatorSerializer: AS,
        memory: MemoryOwner?, output: Output<Agg.Output>, metrics: OperatorMetrics, settings: WindowOperatorSettings
    ) where B.Key == Key {
        precondition(
            assigner.isEventTime && assigner.mergesTimeWindowsByIntersection && Assigner.W.self == TimeWindow.self,
            "the session window operator needs event-time session windows")
        name = settings.name
        self.assigner = assigner
        self.aggregation = aggregation
        self.backend = backend
        sessions = state.handle
        timers = InternalTimerService(
            name: "session-timers", keySerializer: backend.keySerializer, namespaceSerializer: VoidNamespaceSerializer(),
            keyGroupRange: backend.keyGroupRange, maxParallelism: backend.maxParallelism)
        self.accumulatorSerializer = accumulatorSerializer
        let maxParallelism = backend.maxParallelism
        let codec = SliceKeyCodec(backend.keySerializer)
        if let codec {
            encodeKey = { codec.encode($0) }
            decodeKey = { try codec.decode($0) }
            keyGroupOfBits = { codec.keyGroup($0, maxParallelism: maxParallelism) }
        } else {
            encodeKey = { _ in preconditionFailure("keys of more than 8 bytes have no session table") }
            decodeKey = { _ in preconditionFailure("keys of more than 8 bytes have no session table") }
            keyGroupOfBits = { _ in preconditionFailure("keys of more than 8 bytes have no session table") }
        }
        if codec != nil, let memory, accumulatorSerializer.fixedSize != nil {
            table = try? SessionTable(serializer: accumulatorSerializer, memory: memory)
        } else {
            table = nil
        }
        self.output = output
        self.metrics = metrics
        self.settings = settings
    }

    /// Adds an element of `key` to the session its window joins (merging the sessions it bridges),
    /// or starts one; fires the session at once if the watermark passed its end already.
    public func processElement(_ value: Assigner.Element, timestamp: Int64?, key: Key) throws {
        metrics.recordsIn.increment()
        var assigned: TimeWindow?
        try assigner.assignWindows(value, timestamp: timestamp, currentProcessingTime: Int64.min) { assigned = ($0 as! TimeWindow) }
        guard let window = assigned else { return }
        guard let table else { return try addInBackend(value, timestamp, window, key: key) }
        let bits = encodeKey(key)
        if keysOutsideTable, table.table.find(bits) == nil {
            backend.setCurrentKey(key)
            if try sessions.value() != nil { return try addInBackend(value, timestamp, window, key: key) }
        }
        let found: (slot: HashTableSlot, inserted: Bool)
        if table.table.count >= tableFullAt {
            // Full since an insert failed: no new keys (and no error thrown per element) until some go.
            guard let slot = table.table.find(bits) else { return try addInBackend(value, timestamp, window, key: key) }
            found = (slot, false)
        } else {
            do { found = try table.table.findOrInsert(bits) } catch {
                keysOutsideTable = true
                tableFullAt = table.table.count
                return try addInBackend(value, timestamp, window, key: key)
            }
        }
        let slot = found.slot
        if found.inserted {
            guard !isLate(window) else {
                table.table.remove(at: slot)
                return try skip(value, timestamp)
            }
            table.setCheck(Int64.max, at: slot)
            return try store(window, try aggregation.add(value, to: nil), bits: bits, at: slot, in: table)
        }
        let flags = table.flags(at: slot)
        if flags & SessionTable<AS>.inBackendFlag != 0 { return try addInBackend(value, timestamp, window, key: key) }
        let current = table.window(at: slot)
        guard current.start <= window.end && current.end >= window.start else {
            // A second session: the key's sessions move to the backend (unless the element is late).
            if isLate(window) { return try skip(value, timestamp) }
            let moved = try table.entry(at: slot)
            table.markInBackend(at: slot)
            var set = KeySessions<Agg.Accumulator>()
            set.insert(moved)
            // Its table check is stale now: the backend's timers take over.
            scheduleCheck(for: moved, in: &set, key: key)
            return try addInBackend(value, timestamp, window, key: key, set: set)
        }
        let cover = window.cover(current)
        guard !isLate(cover) else { throw mergeIntoThePast(cover) }
        try store(cover, try aggregation.add(value, to: try table.accumulator(at: slot)), bits: bits, at: slot, in: table)
    }

    /// Writes a key's one session into the table, fired at once if the watermark passed its end, and
    /// schedules its check if it is due before the key's pending one.
    @inline(__always)
    func store(_ window: TimeWindow, _ accumulator: Agg.Accumulator, bits: UInt64, at slot: HashTableSlot, in table: SessionTable<AS>) throws {
        var fired = false
        if window.maxTimestamp <= currentWatermark {
            try emit(window, accumulator)
            fired = true
        }
        table.store(window, fired: fired, accumulator, at: slot)
        let due = fired ? cleanupTime(window) : window.maxTimestamp
        if due != Int64.max && due < table.check(at: slot) {
            table.setCheck(due, at: slot)
            checks.push(due, key: bits)
        }
    }

    /// An element too late for any session: to the side output, or counted as dropped.
    func skip(_ value: Assigner.Element, _ timestamp: Int64?) throws {
        guard let timestamp, timestamp &+ settings.allowedLateness <= currentWatermark else { return }
        if let tag = settings.lateDataTag {
            try output.sideOutput(tag, value, timestamp)
        } else {
            metrics.lateRecordsDropped.increment()
        }
    }

    @inline(__always)
    func emit(_ window: TimeWindow, _ accumulator: Agg.Accumulator) throws {
        metrics.recordsOut.increment()
        try output.record(try aggregation.result(of: accumulator), window.maxTimestamp)
    }

    func mergeIntoThePast(_ cover: TimeWindow) -> WindowingError {
        WindowingError(.mergeIntoThePast, "\(name): merging produced \(cover), which ends before the watermark plus the lateness")
    }

    /// The session's end plus the allowed lateness (never, on overflow).
    @inline(__always)
    func cleanupTime(_ window: TimeWindow) -> Int64 {
        let (time, overflow) = window.maxTimestamp.addingReportingOverflow(settings.allowedLateness)
        return overflow ? Int64.max : time
    }

    @inline(__always)
    func isLate(_ window: TimeWindow) -> Bool { cleanupTime(window) <= currentWatermark }

    /// Gives the table's pages back; the operator is not used afterwards.
    public func close() {
        table?.table.releaseMemory()
        checks.removeAll()
    }
}
