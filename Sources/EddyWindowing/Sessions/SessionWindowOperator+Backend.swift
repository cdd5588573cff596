import EddyRuntime
import EddyState

extension SessionWindowOperator {
    /// Adds an element to a key whose sessions are in the keyed backend: one state read (unless
    /// `set` is given, the sessions just moved out of the table) and one write.
    func addInBackend(
        _ value: Assigner.Element, _ timestamp: Int64?, _ window: TimeWindow, key: Key, set given: KeySessions<Agg.Accumulator>? = nil
    ) throws {
        backend.setCurrentKey(key)
        var set = try given ?? sessions.value() ?? KeySessions()
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
            guard position < 0 else { throw mergeIntoThePast(cover) }
            if given != nil { try sessions.update(set) }
            return try skip(value, timestamp)
        }
        var entry = SessionEntry(window: cover, fired: false, accumulator: try aggregation.add(value, to: absorbed))
        if cover.maxTimestamp <= currentWatermark {
            try emit(entry.window, entry.accumulator)
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

    /// A backend key's check: fires its sessions that ended at the watermark, drops those past their
    /// lateness, and registers the next check; a key marked in the table with one session or none
    /// left moves back to the table (or leaves it).
    func checkInBackend(_ key: Key) throws {
        backend.setCurrentKey(key)
        guard var set = try sessions.value() else { return }
        let watermark = currentWatermark
        var index = 0
        while index < set.count {
            var entry = set[index]
            if !entry.fired && entry.window.maxTimestamp <= watermark {
                try emit(entry.window, entry.accumulator)
                entry.fired = true
                set[index] = entry
            }
            if cleanupTime(entry.window) <= watermark {
                set.remove(at: index)
            } else {
                index += 1
            }
        }
        if set.count <= 1, try moveToTable(set, key: key) { return try sessions.clear() }
        set.checkTimer = nil
        // The session due first, found without building an array (this runs per timer).
        if set.count > 0 {
            var next = set[0]
            for index in 1..<set.count where dueTime(set[index]) < dueTime(next) { next = set[index] }
            scheduleCheck(for: next, in: &set, key: key)
        }
        if set.count == 0 { try sessions.clear() } else { try sessions.update(set) }
    }

    /// Moves a key marked in the table back into it: its one session, with a check, or none (the
    /// entry goes).
    /// - Returns: false when the key has no table entry (it lives in the backend for want of room).
    func moveToTable(_ set: KeySessions<Agg.Accumulator>, key: Key) throws -> Bool {
        guard let table else { return false }
        let bits = encodeKey(key)
        guard let slot = table.table.find(bits) else { return false }
        guard let entry = set.first else {
            table.table.remove(at: slot)
            return true
        }
        table.store(entry.window, fired: entry.fired, entry.accumulator, at: slot)
        let due = dueTime(entry)
        table.setCheck(due, at: slot)
        if due != Int64.max { checks.push(due, key: bits) }
        return true
    }
}
