import EddyRuntime

extension SessionWindowOperator: KeyedWindowOperator {
    /// Advances event time: every key whose check timer is due fires the sessions that ended and
    /// drops those past their lateness. The caller forwards the watermark afterwards.
    public func processWatermark(_ watermark: Watermark) throws {
        metrics.currentWatermark.set(watermark.timestamp)
        try timers.advanceWatermark(to: watermark.timestamp) { key, _, _ in try check(key) }
    }

    /// Fires the key's sessions that ended at the watermark, drops those past their lateness, and
    /// registers the next check.
    func check(_ key: Key) throws {
        backend.setCurrentKey(key)
        guard var set = try sessions.value() else { return }
        let watermark = timers.currentWatermark
        var index = 0
        while index < set.count {
            var entry = set[index]
            if !entry.fired && entry.window.maxTimestamp <= watermark {
                try emit(entry)
                entry.fired = true
                set[index] = entry
            }
            if cleanupTime(entry.window) <= watermark {
                set.remove(at: index)
            } else {
                index += 1
            }
        }
        set.checkTimer = nil
        // The session due first, found without building an array (this runs per timer).
        if set.count > 0 {
            var next = set[0]
            for index in 1..<set.count where dueTime(set[index]) < dueTime(next) { next = set[index] }
            scheduleCheck(for: next, in: &set, key: key)
        }
        if set.count == 0 { try sessions.clear() } else { try sessions.update(set) }
    }
}
