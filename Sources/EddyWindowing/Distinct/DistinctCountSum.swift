import EddyRuntime

/// Adds up the partial counts of the distinct-count subtasks (each counts the users of its key
/// groups, so the window's users are the sum) and emits each window once every subtask's part is
/// in: when the combined watermark passes the window's last millisecond. Windows go out in order
/// of their end.
///
/// Its pending sums are not checkpointed yet (see docs/decisions.md): a restore loses the partial
/// sums of windows that were waiting for some subtask at the checkpoint.
///
/// Thread-safety: confined to the task thread.
public final class DistinctCountSum: OperatorLifecycle {
    public let name: String
    /// Partial sums by window end.
    private var pending: [Int64: DistinctCountResult] = [:]

    public init(name: String) { self.name = name }

    public func input(output: Output<DistinctCountResult>, metrics: OperatorMetrics) -> Output<DistinctCountResult> {
        Output(
            record: { [unowned self] part, _ in
                metrics.recordsIn.increment()
                pending[part.end, default: DistinctCountResult(start: part.start, end: part.end, count: 0)].count += part.count
            },
            watermark: { [unowned self] watermark in
                metrics.currentWatermark.set(watermark.timestamp)
                let ready = pending.keys.filter { $0 - 1 <= watermark.timestamp }.sorted()
                for end in ready {
                    let window = pending.removeValue(forKey: end)!
                    metrics.recordsOut.increment()
                    try output.record(window, end - 1)
                }
                try output.watermark(watermark)
            },
            streamStatus: output.streamStatus, latencyMarker: output.latencyMarker, sideOutput: output.sideOutput)
    }
}
