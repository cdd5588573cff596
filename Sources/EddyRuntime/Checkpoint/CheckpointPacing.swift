/// When the next periodic checkpoint may start: the interval since the last trigger, the minimum
/// pause since the last completion, and the concurrency limit (Flink's `CheckpointRequestDecider`).
/// A pure function of the coordinator's counters and the time, so tests count decisions without
/// waiting.
struct CheckpointPacing: Sendable {
    var intervalMillis: Int64
    var minPauseMillis: Int64
    var maxConcurrent: Int

    enum Decision: Equatable {
        case triggerNow
        /// Not before this time (ms).
        case wait(until: Int64)
        /// Too many in progress: decide again when one ends.
        case blocked
    }

    /// - Parameters:
    ///   - pending: periodic checkpoints in progress.
    ///   - lastTrigger: when the last periodic checkpoint was triggered (nil: none yet, count from `start`).
    ///   - lastCompletion: when the last checkpoint completed (nil: none yet).
    func decide(now: Int64, pending: Int, lastTrigger: Int64?, lastCompletion: Int64?, start: Int64) -> Decision {
        if pending >= maxConcurrent || (minPauseMillis > 0 && pending > 0) { return .blocked }
        var due = (lastTrigger ?? start) + intervalMillis
        if let lastCompletion, minPauseMillis > 0 { due = max(due, lastCompletion + minPauseMillis) }
        return now >= due ? .triggerNow : .wait(until: due)
    }
}
