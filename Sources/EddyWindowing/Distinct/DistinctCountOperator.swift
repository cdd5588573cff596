import EddyCore
import EddyMemory
import EddyRuntime
import EddyState

/// The distinct-count (UV) operator of one subtask: feeds records to a ``SlidingDistinctCounter``,
/// fires windows as the watermark passes them (results go out before the watermark, with the
/// window's last millisecond as their timestamp; ``DistinctCountSum`` combines the subtasks' parts), sends late records to ``lateOutputTag`` and counts
/// them, and checkpoints the counter's pages incrementally as raw keyed state.
///
/// Generic over the counter, so the per-record path is a direct, specialized call.
///
/// Thread-safety: confined to the task thread, except the asynchronous part of its snapshots.
public final class DistinctCountOperator<Counter: SlidingDistinctCounter>: CheckpointedOperator {
    /// Late records go to this side output, unchanged.
    public static var lateOutputTag: String { "distinct-count-late" }

    public let name: String
    public let counter: Counter
    let keyGroupRange: KeyGroupRange
    let maxParallelism: Int
    let metrics: OperatorMetrics
    let spill: (any DistinctSpillStore)?
    let paged = PagedRawKeyedState(name: Counter.stateName) { DistinctCountError(.corruptState, $0) }

    /// - Parameters:
    ///   - keyGroupRange: the subtask's key groups (its users), recorded in snapshot handles.
    ///   - maxParallelism: the job's key groups, so a rescaled restore knows a user's.
    ///   - spill: the counter's spill store, disposed when the operator closes.
    public init(
        name: String, counter: Counter, keyGroupRange: KeyGroupRange, maxParallelism: Int, metrics: OperatorMetrics,
        spill: (any DistinctSpillStore)? = nil
    ) {
        self.name = name
        self.counter = counter
        self.keyGroupRange = keyGroupRange
        self.maxParallelism = maxParallelism
        self.metrics = metrics
        self.spill = spill
    }

    /// The operator's input for elements of any type: `user` and the record's event timestamp are
    /// what it counts; `output` receives the window results.
    /// Parts carry the window's sketch when the counter has one and other subtasks count too.
    public func input<Element>(user: @escaping (Element) -> UInt64, output: Output<DistinctCountPart>) -> Output<Element> {
        let counter = self.counter
        let metrics = self.metrics
        let name = self.name
        let alone = keyGroupRange.count == maxParallelism
        let emit: (DistinctCountResult) throws -> Void = { result in
            metrics.recordsOut.increment()
            try output.record(DistinctCountPart(result, sketch: alone ? [] : try counter.windowSketch()), result.end - 1)
        }
        return Output<Element>(
            record: { value, timestamp in
                metrics.recordsIn.increment()
                guard let timestamp else {
                    throw DistinctCountError(.missingTimestamp, "record \(value) has no event timestamp", operatorName: name)
                }
                if try !counter.add(user: user(value), timestamp: timestamp) {
                    metrics.lateRecordsDropped.increment()
                    try output.sideOutput(Self.lateOutputTag, value, timestamp)
                }
            },
            watermark: { watermark in
                metrics.currentWatermark.set(watermark.timestamp)
                try counter.advanceWatermark(to: watermark.timestamp, emit: emit)
                try output.watermark(watermark)
            },
            streamStatus: output.streamStatus, latencyMarker: output.latencyMarker, sideOutput: output.sideOutput)
    }

    public func close() {
        counter.releaseMemory()
        spill?.dispose()
    }
}
