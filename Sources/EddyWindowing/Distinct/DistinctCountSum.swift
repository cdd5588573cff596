import EddyCore
import EddyRuntime
import EddyState

/// Combines the parts of the distinct-count subtasks and emits each window once every subtask's
/// part is in: when the combined watermark passes the window's last millisecond. Exact counts add
/// up (each subtask counts the users of its key groups); sketches are united (``SketchUnion``) and
/// the union estimated, so a user in two subtasks' sketches (after a rescale) counts once. Windows
/// go out in order of their end.
///
/// Checkpointed: the parts of windows still waiting for some subtask at a barrier are written as
/// raw keyed state `distinct-count-sum` covering every key group (the operator runs at
/// parallelism 1), and restored with ``restore(from:)``; they do not depend on the counter's
/// parallelism, which may change at the restore.
///
/// Thread-safety: confined to the task thread.
public final class DistinctCountSum: CheckpointedOperator {
    public static let stateName = "distinct-count-sum"
    public let name: String
    let maxParallelism: Int
    let sketches: SketchUnion?
    /// Summed counts of the parts without a sketch, by window end.
    private var pending: [Int64: DistinctCountResult] = [:]
    /// United sketches of the parts with one, by window end.
    private var united: [Int64: [UInt8]] = [:]

    /// - Parameter sketches: how to unite the parts' sketches (nil for exact counts).
    public init(name: String, maxParallelism: Int, sketches: SketchUnion? = nil) {
        self.name = name
        self.maxParallelism = maxParallelism
        self.sketches = sketches
    }

    public func input(output: Output<DistinctCountResult>, metrics: OperatorMetrics) -> Output<DistinctCountPart> {
        Output(
            record: { [unowned self] part, _ in
                metrics.recordsIn.increment()
                try add(part)
            },
            watermark: { [unowned self] watermark in
                metrics.currentWatermark.set(watermark.timestamp)
                let ready = pending.keys.filter { $0 - 1 <= watermark.timestamp }.sorted()
                for end in ready {
                    var window = pending.removeValue(forKey: end)!
                    if let sketch = united.removeValue(forKey: end) { window.count += try unite().estimate(sketch) }
                    metrics.recordsOut.increment()
                    try output.record(window, end - 1)
                }
                try output.watermark(watermark)
            },
            streamStatus: output.streamStatus, latencyMarker: output.latencyMarker, sideOutput: output.sideOutput)
    }

    func add(_ part: DistinctCountPart) throws {
        let result = part.result
        pending[result.end, default: DistinctCountResult(start: result.start, end: result.end, count: 0)].count += part.sketch.isEmpty ? result.count : 0
        guard !part.sketch.isEmpty else { return }
        if let held = united[result.end] {
            united[result.end] = try unite().unite(held, part.sketch)
        } else {
            united[result.end] = part.sketch
        }
    }

    private func unite() throws -> SketchUnion {
        guard let sketches else {
            throw DistinctCountError(.unsupportedRestore, "a part carries a sketch, this sum adds exact counts", operatorName: name)
        }
        return sketches
    }
}

extension DistinctCountSum {
    /// The parts' counts as ``DistinctCountResult``s, then the united sketches as (end, bytes).
    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        var writer = ByteArrayWriter(reservingCapacity: 8 + pending.count * 24 + united.values.reduce(0) { $0 + $1.count + 16 })
        writer.writeVarInt(UInt64(pending.count))
        for window in pending.values.sorted(by: { $0.end < $1.end }) {
            DistinctCountResultSerializer().serialize(window, to: &writer)
        }
        writer.writeVarInt(UInt64(united.count))
        for (end, sketch) in united.sorted(by: { $0.key < $1.key }) {
            writer.writeInteger(end)
            writer.writeVarInt(UInt64(sketch.count))
            writer.writeBytes(sketch)
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

    /// Takes back the parts of a snapshot (all of them: this operator runs alone). Snapshots from
    /// before sketches were united end after the counts.
    public func restore(from restore: OperatorRestore) throws {
        for handle in restore.rawKeyedState(named: Self.stateName) {
            for file in handle.files {
                var reader = ByteArrayReader(try restore.storage.read(file))
                do {
                    for _ in 0..<(try reader.readLength(minimumElementSize: 24)) {
                        try add(DistinctCountPart(try DistinctCountResultSerializer().deserialize(from: &reader)))
                    }
                    guard !reader.isAtEnd else { continue }
                    for _ in 0..<(try reader.readLength(minimumElementSize: 9)) {
                        let end = try reader.readInteger(Int64.self)
                        let sketch = try reader.readBytes(count: try reader.readLength())
                        let start = pending[end]?.start ?? end
                        try add(DistinctCountPart(DistinctCountResult(start: start, end: end, count: 0), sketch: sketch))
                    }
                } catch let error as SerializationError {
                    throw DistinctCountError(.corruptState, "partial sums in \(file.path) do not decode: \(error)", operatorName: name)
                }
            }
        }
    }
}
