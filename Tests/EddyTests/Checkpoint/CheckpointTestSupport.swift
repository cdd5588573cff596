import Eddy
import EddyCore
import EddyRuntime
import EddyState
import Foundation
import Synchronization

/// How far the test sources may go: each subtask emits while its index is below `limit`.
final class SourceThrottle: Sendable {
    private let limitBox = Atomic<Int>(Int.max)
    private let emittedBox = Atomic<Int>(0)
    init(limit: Int = .max) { limitBox.store(limit, ordering: .sequentiallyConsistent) }
    var limit: Int {
        get { limitBox.load(ordering: .sequentiallyConsistent) }
        set { limitBox.store(newValue, ordering: .sequentiallyConsistent) }
    }
    /// Records emitted by all subtasks.
    var emitted: Int { emittedBox.load(ordering: .sequentiallyConsistent) }
    func count(_ n: Int) { emittedBox.add(n, ordering: .sequentiallyConsistent) }

    /// Waits (briefly polling) until `emitted` reaches `count`.
    func waitForEmitted(_ count: Int) {
        while emitted < count { usleep(200) }
    }
}

/// Emits `count` values, subtask i of p emitting i, i+p, …; its position (the next index) is
/// checkpointed, so a restored reader goes on where the checkpoint was taken.
final class CheckpointedRangeReader: CheckpointedSourceReader {
    private let count: Int
    private let step: Int
    private var index: Int
    private let throttle: SourceThrottle

    init(count: Int, subtask: Int, parallelism: Int, throttle: SourceThrottle) {
        self.count = count
        step = parallelism
        index = subtask
        self.throttle = throttle
    }

    func poll(into output: Output<Int64>, budget: Int) throws -> SourceStatus {
        var emitted = 0
        let limit = throttle.limit
        while index < count && index < limit && emitted < budget {
            try output.record(Int64(index), Int64(index))
            index += step
            emitted += 1
        }
        throttle.count(emitted)
        if index >= count { return .endOfInput }
        return emitted > 0 ? .moreAvailable : .nothingAvailable
    }

    func snapshotPosition() throws -> [UInt8] {
        var writer = ByteArrayWriter(reservingCapacity: 8)
        writer.writeInteger(Int64(index))
        return writer.bytes
    }

    func restorePosition(_ positions: [[UInt8]]) throws {
        guard positions.count == 1 else { throw JobGraphError("test reader restores from one position, got \(positions.count)") }
        var reader = ByteArrayReader(positions[0])
        index = Int(try reader.readInteger(Int64.self))
    }
}

/// Keeps the checkpoints a job completed, in memory (the lead's store writes `_metadata`).
final class KeepingCompletionSink: CheckpointCompletionSink {
    private let kept = Mutex<[AcknowledgedCheckpoint]>([])
    private let abortedBox = Mutex<[Int64]>([])
    func complete(_ checkpoint: AcknowledgedCheckpoint) throws { kept.withLock { $0.append(checkpoint) } }
    func abort(checkpointID: Int64, written: [OperatorSubtaskState]) { abortedBox.withLock { $0.append(checkpointID) } }
    var completed: [AcknowledgedCheckpoint] { kept.withLock { $0 } }
    var aborted: [Int64] { abortedBox.withLock { $0 } }
}

/// Output made visible in two phases: written values wait in the writer until `prepareCommit`
/// turns them into a committable (subtask, checkpoint, values); `commit` appends each committable
/// once to the shared `committed` list, however often it is committed.
final class CommittedOutput<T: StreamSerializable>: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var committedIDs: Set<String> = []
    private var values: [T] = []
    func commit(id: String, _ batch: [T]) {
        lock.withLock { if committedIDs.insert(id).inserted { values += batch } }
    }
    var committed: [T] { lock.withLock { values } }
}

final class TwoPhaseCollectingWriter<T: StreamSerializable>: TwoPhaseCommittingSinkWriter {
    private let output: CommittedOutput<T>
    private var subtask = 0
    private var buffered: [T] = []
    /// Blocks the task in `prepareCommit` this long for the first checkpoint (timeout tests).
    private var firstPrepareDelayMicros: UInt32

    init(_ output: CommittedOutput<T>, firstPrepareDelayMicros: UInt32 = 0) {
        self.output = output
        self.firstPrepareDelayMicros = firstPrepareDelayMicros
    }

    func open(subtaskIndex: Int, parallelism: Int) throws { subtask = subtaskIndex }
    func write(_ value: T, timestamp: Int64?) throws { buffered.append(value) }

    func prepareCommit(checkpointID: Int64) throws -> [UInt8] {
        if firstPrepareDelayMicros > 0 {
            usleep(firstPrepareDelayMicros)
            firstPrepareDelayMicros = 0
        }
        var writer = ByteArrayWriter(reservingCapacity: 64)
        StringSerializer().serialize("\(subtask)/\(checkpointID)", to: &writer)
        ArraySerializer(T.streamSerializer).serialize(buffered, to: &writer)
        buffered = []
        return writer.bytes
    }

    func commit(_ committables: [[UInt8]]) throws {
        for bytes in committables {
            var reader = ByteArrayReader(bytes)
            let id = try StringSerializer().deserialize(from: &reader)
            output.commit(id: id, try ArraySerializer(T.streamSerializer).deserialize(from: &reader))
        }
    }

    func finish() throws {
        output.commit(id: "\(subtask)/end", buffered)
        buffered = []
    }
}

/// A fresh temporary directory.
func temporaryDirectory(_ label: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-\(label)-\(UUID().uuidString.prefix(8))").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
