extension MetricRegistry {
    /// Registers a task's time accounting under `scope` (usually ``MetricNames/task(jobID:taskName:subtask:)``):
    /// `busyTimeMsPerSecond`, `backPressuredTimeMsPerSecond`, `idleTimeMsPerSecond` (over `span`,
    /// from the reporter's samples) and the totals `accumulatedBusyTimeNs`,
    /// `accumulatedBackPressuredTimeNs`, `accumulatedIdleTimeNs` (read at the snapshot's time).
    /// - Returns: the meter behind the per-second values.
    @discardableResult
    public func register(_ accounting: TaskTimeAccounting, scope: String, span: Duration = .seconds(5)) -> TaskTimeMeter {
        let meter = TaskTimeMeter(accounting: accounting, span: span)
        let names: [(TaskTimeState, String)] = [(.busy, "Busy"), (.backpressured, "BackPressured"), (.idle, "Idle")]
        for (state, name) in names {
            let lower = name.prefix(1).lowercased() + name.dropFirst()
            register(MetricNames.join(scope, "\(lower)TimeMsPerSecond"), unit: .millisecondsPerSecond, view: meter) { _ in
                meter.millisecondsPerSecond.map { .real($0[state]) }
            }
            register(MetricNames.join(scope, "accumulated\(name)TimeNs"), unit: .nanoseconds) { now in
                .integer(Int64(clamping: accounting.totals(now: now)[state]))
            }
        }
        return meter
    }
}
