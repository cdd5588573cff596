import EddyMemory
import EddyRuntime

extension SessionWindowOperator: KeyedWindowOperator {
    /// Advances event time: every key whose check is due fires the sessions that ended and drops
    /// those past their lateness — the table's keys first, then the backend's. The caller forwards
    /// the watermark afterwards.
    public func processWatermark(_ watermark: Watermark) throws {
        metrics.currentWatermark.set(watermark.timestamp)
        currentWatermark = max(currentWatermark, watermark.timestamp)
        if let table {
            while let check = checks.pop(dueBy: currentWatermark) { try self.check(check, in: table) }
        }
        try timers.advanceWatermark(to: currentWatermark) { key, _, _ in try checkInBackend(key) }
    }

    /// The earliest pending check, of the table's keys or the backend's.
    public var nextCheckTime: Int64? {
        switch (checks.earliest, timers.nextEventTimerTime) {
        case let (table?, backend?): min(table, backend)
        case let (table, backend): table ?? backend
        }
    }

    /// A table key's check, unless stale (the key's check moved, or it went to the backend): fires
    /// its session if it ended, drops it past its lateness, or schedules the next check.
    @inline(__always)
    func check(_ check: SessionCheckQueue.Check, in table: SessionTable<AS>) throws {
        guard let slot = table.table.find(check.key), table.check(at: slot) == check.time else { return }
        let window = table.window(at: slot)
        var fired = table.flags(at: slot) & SessionTable<AS>.firedFlag != 0
        if !fired && window.maxTimestamp <= currentWatermark {
            try emit(window, try table.accumulator(at: slot))
            fired = true
            table.table.store(SessionTable<AS>.firedFlag, at: slot, offset: SessionTable<AS>.flagsOffset)
        }
        let due = fired ? cleanupTime(window) : window.maxTimestamp
        if due <= currentWatermark {
            table.table.remove(at: slot)
        } else {
            table.setCheck(due, at: slot)
            if due != Int64.max { checks.push(due, key: check.key) }
        }
    }
}
