import EddyCore
import EddyMemory
@testable import EddyRuntime

/// One task's inputs on the test thread: producers write into channels (nothing waits: channels
/// have room for what the tests send), gates read them into `processed`, and a barrier handler
/// records what it asks the task to do. The snapshot "state" is the records processed when the
/// snapshot was taken.
final class BarrierTestBench {
    struct Snapshot: Equatable {
        var checkpointID: Int64
        var unaligned: Bool
        var state: [Int64]
    }

    let memory = MemoryManager(budgetBytes: 256 * 4096, segmentSize: 4096)
    var producers: [RecordWriter<IntegerSerializer<Int64>>] = []
    var gates: [InputGate<IntegerSerializer<Int64>>] = []
    var processed: [Int64] = []
    var snapshots: [Snapshot] = []
    var declined: [Int64] = []
    var channelState: [Int64: [Int: [UInt8]]] = [:]
    var now: UInt64 = 0
    var handler: CheckpointBarrierHandler!

    /// - Parameter channelsPerGate: each gate's channel count (one producer per channel).
    init(channelsPerGate: [Int], alignmentTimeoutNanoseconds: UInt64? = nil) throws {
        let owner = memory.register(owner: "bench")
        for (gateIndex, count) in channelsPerGate.enumerated() {
            let channels = try (0..<count).map { _ in try LocalChannel(owner: owner, capacity: 16, consumer: TaskNotifier()) }
            producers += channels.map {
                RecordWriter(channels: [$0], serializer: IntegerSerializer<Int64>(), select: nil)
            }
            gates.append(InputGate(
                name: "gate-\(gateIndex)", channels: channels, serializer: IntegerSerializer<Int64>(),
                output: Output(record: { [unowned self] value, _ in processed.append(value) })))
        }
        handler = CheckpointBarrierHandler(
            inputs: gates, alignmentTimeoutNanoseconds: alignmentTimeoutNanoseconds,
            actions: .init(
                snapshot: { [unowned self] barrier, _ in
                    snapshots.append(Snapshot(
                        checkpointID: barrier.checkpointID, unaligned: barrier.options.unaligned, state: processed))
                },
                channelStateComplete: { [unowned self] id, channels in channelState[id] = channels },
                decline: { [unowned self] id, _ in declined.append(id) }),
            clock: { [unowned self] in now })
    }

    /// Producer `channel` (numbered across gates) sends `values`, flushed.
    func send(_ channel: Int, _ values: [Int64]) {
        for value in values { producers[channel].write(value, timestamp: nil) }
        producers[channel].flushAll()
    }

    func barrier(_ channel: Int, _ id: Int64, unaligned: Bool = false) {
        producers[channel].broadcastBarrier(
            CheckpointBarrier(checkpointID: id, timestampMillis: 0, options: CheckpointOptions(unaligned: unaligned)))
    }

    func finish(_ channel: Int) { producers[channel].finish() }

    /// Processes everything that can be read now.
    func drain() throws {
        var progress = true
        while progress {
            progress = false
            for gate in gates where try gate.processAvailable(budget: 10_000) > 0 { progress = true }
        }
    }

    /// Elements of recorded channel state, read back through a gate's replay.
    static func records(in bytes: [UInt8]) throws -> [Int64] {
        let memory = MemoryManager(budgetBytes: 4 * 4096, segmentSize: 4096)
        let channel = try LocalChannel(owner: memory.register(owner: "replay"), capacity: 2, consumer: TaskNotifier())
        var replayed: [Int64] = []
        let gate = InputGate(
            name: "replay", channels: [channel], serializer: IntegerSerializer<Int64>(),
            output: Output(record: { value, _ in replayed.append(value) }))
        gate.replay(bytes, channel: 0)
        _ = try gate.processAvailable(budget: 10_000)
        return replayed
    }
}
