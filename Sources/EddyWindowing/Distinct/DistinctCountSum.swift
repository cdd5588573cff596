import EddyCore
import EddyRuntime
import EddyState

/// Adds up the partial counts of the distinct-count subtasks (each counts the users of its key
/// groups, so the window's users are the sum) and emits each window once every subtask's part is
/// in: when the combined watermark passes the window's last millisecond. Windows go out in order
/// of their end.
///
/// Checkpointed: the partial sums of windows still waiting for some subtask at a barrier are
/// written as raw keyed state `distinct-count-sum` covering every key group (the operator runs
/// at parallelism 1), and restored with ``restore(from:)``.
///
/// Thread-safety: confined to the task thread.
public final class DistinctCountSum: CheckpointedOperator {
    public static let stateName = "distinct-count-sum"
    public let name: String
    let maxParallelism: Int
    /// Partial sums by window end.
    private var pending: [Int64: DistinctCountResult] = [:]

    public init(name: String, maxParallelism: Int) {
        self.name = name
        self.maxParallelism = maxParallelism
    }

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

extension DistinctCountSum {
    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        var writer = ByteArrayWriter(reservingCapacity: 8 + pending.count * 24)
        writer.writeVarInt(UInt64(pending.count))
        for window in pending.values.sorted(by: { $0.end < $1.end }) {
            DistinctCountResultSerializer().serialize(window, to: &writer)
        }
        let bytes = writer.bytes
        let path = "\(request.location.exclusiveDirectory)/\(request.operatorID)-\(request.subtaskIndex)-\(Self.stateName)"
        let storage = request.location.storage
        let range = KeyGroupRange(start: 0, end: maxParallelism - 1)
        let name = Self.stateName
        return PendingSnapshot(synchronousNanoseconds: 0) {
            let file = try storage.write(bytes, to: path)
            return OperatorSubtaskState(rawKeyedState: [RawKeyedStateHandle(name: name, keyGroupRange: range, files: [file])])
        }
    }

    /// Takes back the partial sums of a snapshot (all of them: this operator runs alone).
    public func restore(from restore: OperatorRestore) throws {
        for handle in restore.rawKeyedState(named: Self.stateName) {
            for file in handle.files {
                var reader = ByteArrayReader(try restore.storage.read(file))
                do {
                    for _ in 0..<(try reader.readLength(minimumElementSize: 24)) {
                        let window = try DistinctCountResultSerializer().deserialize(from: &reader)
                        pending[window.end, default: DistinctCountResult(start: window.start, end: window.end, count: 0)].count += window.count
                    }
                } catch {
                    throw DistinctCountError(.corruptState, "partial sums in \(file.path) do not decode: \(error)", operatorName: name)
                }
            }
        }
    }
}
