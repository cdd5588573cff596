import EddyCore
import EddyRuntime
import EddyState

/// Session windows in event time with the default trigger and a reduce or aggregate function: the
/// general ``WindowOperator``'s results with a fraction of its work per element.
///
/// The general operator keeps per key a merging window set and per window an accumulator (two
/// state entries), and moves a timer each time a session grows (a delete and a registration). Here a
/// key's sessions and their accumulators are one state entry, and timers are checks: a key keeps one
/// timer at the earliest time one of its sessions needs attention (its end, or its end plus the
/// allowed lateness once fired); a session that grows past that time is looked at when the timer
/// fires and gets a new one then. An element costs one state read and one write; a timer, about one
/// per session.
///
/// Firing follows the general operator with an ``EventTimeTrigger``: a session fires once when the
/// watermark passes its end, and again for each element that joins it within the allowed lateness;
/// elements late for every session go to the late-data side output.
///
/// Thread-safety: the task thread only.
public final class SessionWindowOperator<Key: Hashable, Assigner: WindowAssigner, Agg: SliceAggregation>: OperatorLifecycle
where Assigner.Element == Agg.Input {
    public let name: String
    @usableFromInline let assigner: Assigner
    @usableFromInline let aggregation: Agg
    @usableFromInline let backend: any KeyedStateBackend<Key>
    @usableFromInline let sessions: ValueStateHandle<VoidNamespace, KeySessions<Agg.Accumulator>>
    /// One check timer per key and time.
    public let timers: InternalTimerService<Key, VoidNamespace>
    @usableFromInline let output: Output<Agg.Output>
    @usableFromInline let metrics: OperatorMetrics
    @usableFromInline let settings: WindowOperatorSettings

    /// - Precondition: `assigner` makes session windows in event time (``TimeWindow``s merged when
    ///   they overlap or touch).
    @inlinable
    public init<B: KeyedStateBackend>(
        backend: B, assigner: Assigner, aggregation: Agg, state: SessionsState<Agg.Accumulator>, output: Output<Agg.Output>,
        metrics: OperatorMetrics, settings: WindowOperatorSettings
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
        backend.setCurrentKey(key)
        var set = try sessions.value() ?? KeySessions()
        var cover = window
        var absorbed: Agg.Accumulator?
        var position = -1
        var index = 0
        // Sessions are sorted and disjoint: those the window overlaps or touches are a run.
        while index < set.count {
            let entry = set[index]
            if entry.window.start > window.end { break }
            guard entry.window.end >= window.start else {
                index += 1
                continue
            }
            cover = cover.cover(entry.window)
            absorbed = try absorbed.map { try aggregation.merge($0, entry.accumulator) } ?? entry.accumulator
            if position < 0 {
                position = index
                index += 1
            } else {
                set.remove(at: index)
            }
        }
        guard !isLate(cover) else {
            guard position < 0 else {
                throw WindowingError(.mergeIntoThePast, "\(name): merging produced \(cover), which ends before the watermark plus the lateness")
            }
            return try skip(value, timestamp)
        }
        var entry = SessionEntry(window: cover, fired: false, accumulator: try aggregation.add(value, to: absorbed))
        if cover.maxTimestamp <= timers.currentWatermark {
            try emit(entry)
            entry.fired = true
        }
        if position < 0 { set.insert(entry) } else { set[position] = entry }
        scheduleCheck(for: entry, in: &set, key: key)
        try sessions.update(set)
    }

    /// Registers a check timer when `entry` needs one earlier than the key's registered one.
    @inline(__always)
    func scheduleCheck(for entry: SessionEntry<Agg.Accumulator>, in set: inout KeySessions<Agg.Accumulator>, key: Key) {
        let due = dueTime(entry)
        guard due != Int64.max, set.checkTimer.map({ due < $0 }) ?? true else { return }
        timers.registerEventTimeTimer(key: key, namespace: VoidNamespace(), time: due)
        set.checkTimer = due
    }

    /// When a session needs attention: its end until it fired, then its end plus the lateness.
    @inline(__always)
    func dueTime(_ entry: SessionEntry<Agg.Accumulator>) -> Int64 {
        entry.fired ? cleanupTime(entry.window) : entry.window.maxTimestamp
    }

    /// An element too late for any session: to the side output, or counted as dropped.
    private func skip(_ value: Assigner.Element, _ timestamp: Int64?) throws {
        guard let timestamp, timestamp &+ settings.allowedLateness <= timers.currentWatermark else { return }
        if let tag = settings.lateDataTag {
            try output.sideOutput(tag, value, timestamp)
        } else {
            metrics.lateRecordsDropped.increment()
        }
    }

    @inline(__always)
    func emit(_ entry: SessionEntry<Agg.Accumulator>) throws {
        metrics.recordsOut.increment()
        try output.record(try aggregation.result(of: entry.accumulator), entry.window.maxTimestamp)
    }

    /// The session's end plus the allowed lateness (never, on overflow).
    @inline(__always)
    func cleanupTime(_ window: TimeWindow) -> Int64 {
        let (time, overflow) = window.maxTimestamp.addingReportingOverflow(settings.allowedLateness)
        return overflow ? Int64.max : time
    }

    @inline(__always)
    func isLate(_ window: TimeWindow) -> Bool { cleanupTime(window) <= timers.currentWatermark }
}
