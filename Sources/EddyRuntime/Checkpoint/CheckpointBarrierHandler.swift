import EddyMemory

/// Decides, for one task, when a checkpoint's snapshot is taken as its barriers arrive on the
/// task's input channels (Flink's `SingleCheckpointBarrierHandler`). One checkpoint at a time:
///
/// - **Aligned** (the default, exactly-once): the channel a barrier arrived on is blocked until the
///   barrier arrived on every channel that has not finished; then the task snapshots and forwards
///   the barrier, and the channels are unblocked. A blocked channel's data stays queued in the
///   channel, and its producer runs out of credit: backpressure, not memory.
/// - **Unaligned** (the barrier says so, or alignment took longer than the alignment timeout): the
///   snapshot is taken at the first barrier, the barrier overtakes the task's queued output, and
///   what the other channels deliver until their barrier arrives is recorded as channel state.
///
/// A newer barrier while a checkpoint is in progress aborts the older one (declined to the
/// coordinator); barriers of older or aborted checkpoints are ignored. A finished channel counts
/// as having delivered every barrier.
///
/// Thread-safety: the task's thread only.
public final class CheckpointBarrierHandler {
    /// What the handler has its task do.
    public struct Actions {
        /// Snapshot the chain and send `barrier` downstream (an unaligned one ahead of queued
        /// output). Blocked channels stay blocked during the call.
        public var snapshot: (_ barrier: CheckpointBarrier, _ alignmentNanoseconds: UInt64) throws -> Void
        /// An unaligned checkpoint's in-flight data is complete: recorded bytes per task channel
        /// (channels that recorded nothing are left out).
        public var channelStateComplete: (_ checkpointID: Int64, _ channels: [Int: [UInt8]]) throws -> Void
        /// The checkpoint cannot complete in this task (a newer barrier overtook it).
        public var decline: (_ checkpointID: Int64, _ reason: String) -> Void

        public init(
            snapshot: @escaping (CheckpointBarrier, UInt64) throws -> Void,
            channelStateComplete: @escaping (Int64, [Int: [UInt8]]) throws -> Void,
            decline: @escaping (Int64, String) -> Void
        ) {
            self.snapshot = snapshot
            self.channelStateComplete = channelStateComplete
            self.decline = decline
        }
    }

    enum Progress {
        case idle
        /// Barrier arrived (and the channel blocked) on `arrived`, since `start` (monotonic ns).
        case aligning(barrier: CheckpointBarrier, arrived: Set<Int>, start: UInt64)
        /// Snapshot taken; `pending` channels record until their barrier arrives.
        case recording(checkpointID: Int64, pending: [Int: ChannelStateRecorder], recorded: [Int: [UInt8]])
    }

    /// Per task channel: its input and its index there.
    let channels: [(input: InputProcessor, index: Int)]
    var finished: [Bool]
    let alignmentTimeoutNanoseconds: UInt64?
    let actions: Actions
    let clock: () -> UInt64
    var progress = Progress.idle
    /// The newest checkpoint whose barrier arrived; barriers up to it are stale.
    public private(set) var latestCheckpointID: Int64 = 0
    /// Checkpoints newer than `latestCheckpointID` aborted before their barrier arrived: their
    /// barriers are ignored. Kept one by one, not as a new `latestCheckpointID`: an abort travels
    /// by mail and overtakes the data in the channels, so an older checkpoint's barrier (a
    /// terminating savepoint's, while the periodic checkpoints after it are declined) may still be
    /// on its way and must count.
    var abortedAhead: Set<Int64> = []
    /// At most this many in `abortedAhead` (Flink keeps 128 too); past it the oldest is forgotten,
    /// and its barrier, should it still come, starts an alignment a newer barrier or abort ends.
    static let abortedAheadLimit = 128

    /// Attaches itself to every input.
    /// - Parameters:
    ///   - alignmentTimeoutNanoseconds: an aligned checkpoint still aligning after this long
    ///     switches to unaligned; nil never switches.
    ///   - clock: monotonic nanoseconds (injectable for tests).
    public init(
        inputs: [InputProcessor], alignmentTimeoutNanoseconds: UInt64? = nil, actions: Actions,
        clock: @escaping () -> UInt64 = monotonicNanoseconds
    ) {
        channels = inputs.flatMap { input in (0..<input.channelCount).map { (input, $0) } }
        finished = Array(repeating: false, count: channels.count)
        self.alignmentTimeoutNanoseconds = alignmentTimeoutNanoseconds
        self.actions = actions
        self.clock = clock
        var first = 0
        for input in inputs {
            input.attach(self, firstChannel: first)
            first += input.channelCount
        }
    }

    /// The checkpoint in progress, if any.
    public var currentCheckpointID: Int64? {
        switch progress {
        case .idle: nil
        case .aligning(let barrier, _, _): barrier.checkpointID
        case .recording(let id, _, _): id
        }
    }

    /// A barrier arrived on task channel `channel`.
    /// - Parameter inFlight: for an unaligned barrier, the channel's data it overtook.
    public func barrier(_ barrier: CheckpointBarrier, channel: Int, inFlight: [UInt8]) throws {
        let id = barrier.checkpointID
        if let current = currentCheckpointID {
            if id < current { return }
            if id > current {
                abortCurrent()
                actions.decline(current, "the barrier of checkpoint \(id) arrived before checkpoint \(current) was aligned")
            }
        }
        guard id > latestCheckpointID || currentCheckpointID == id else { return }
        latestCheckpointID = id
        let wasAborted = abortedAhead.remove(id) != nil
        abortedAhead = abortedAhead.filter { $0 > id }
        if wasAborted { return }
        switch progress {
        case .idle where barrier.options.unaligned:
            try snapshotUnaligned(barrier, arrived: [channel: inFlight], start: clock())
        case .idle:
            try align(barrier, arrived: [], start: clock(), channel: channel)
        case .aligning(_, let arrived, let start) where barrier.options.unaligned:
            var inFlightByChannel = Dictionary(uniqueKeysWithValues: arrived.map { ($0, [UInt8]()) })
            inFlightByChannel[channel] = inFlight
            try snapshotUnaligned(barrier, arrived: inFlightByChannel, start: start)
        case .aligning(let aligning, let arrived, let start):
            try align(aligning, arrived: arrived, start: start, channel: channel)
        case .recording:
            try closeRecording(channel, appending: inFlight)
        }
    }

    /// Task channel `channel` ended: it no longer holds a checkpoint back.
    public func channelFinished(_ channel: Int) throws {
        finished[channel] = true
        switch progress {
        case .idle: break
        case .aligning(let barrier, let arrived, let start): try completeAlignmentIfDone(barrier, arrived, start)
        case .recording: try closeRecording(channel, appending: [])
        }
    }

    /// When the alignment in progress times out (monotonic ns), if it can.
    public var alignmentDeadline: UInt64? {
        guard case .aligning(_, _, let start) = progress, let timeout = alignmentTimeoutNanoseconds else { return nil }
        return start &+ timeout
    }

    /// Switches an alignment older than the alignment timeout to unaligned (call per loop turn).
    public func checkAlignmentTimeout(now: UInt64) throws {
        guard case .aligning(let barrier, let arrived, let start) = progress, let timeout = alignmentTimeoutNanoseconds,
            now &- start >= timeout
        else { return }
        var unaligned = barrier
        unaligned.options.unaligned = true
        try snapshotUnaligned(unaligned, arrived: Dictionary(uniqueKeysWithValues: arrived.map { ($0, []) }), start: start)
    }

    /// The coordinator aborted `checkpointID`: stop aligning or recording it, ignore its barriers.
    /// Older checkpoints are not affected.
    public func abort(_ checkpointID: Int64) {
        if currentCheckpointID == checkpointID {
            abortCurrent()
        } else if checkpointID > latestCheckpointID {
            abortedAhead.insert(checkpointID)
            if abortedAhead.count > Self.abortedAheadLimit, let oldest = abortedAhead.min() { abortedAhead.remove(oldest) }
        }
    }

    // MARK: aligned

    private func align(_ barrier: CheckpointBarrier, arrived: Set<Int>, start: UInt64, channel: Int) throws {
        var arrived = arrived
        arrived.insert(channel)
        setBlocked(channel, true)
        progress = .aligning(barrier: barrier, arrived: arrived, start: start)
        try completeAlignmentIfDone(barrier, arrived, start)
    }

    private func completeAlignmentIfDone(_ barrier: CheckpointBarrier, _ arrived: Set<Int>, _ start: UInt64) throws {
        guard channels.indices.allSatisfy({ finished[$0] || arrived.contains($0) }) else { return }
        progress = .idle
        try actions.snapshot(barrier, clock() &- start)
        for channel in arrived { setBlocked(channel, false) }
    }

    /// Unblocks every channel and drops recordings of the checkpoint in progress.
    func abortCurrent() {
        switch progress {
        case .idle: break
        case .aligning(_, let arrived, _): for channel in arrived { setBlocked(channel, false) }
        case .recording(_, let pending, _): for channel in pending.keys { stopRecording(channel) }
        }
        progress = .idle
    }

    func setBlocked(_ channel: Int, _ blocked: Bool) {
        channels[channel].input.setBlocked(channels[channel].index, blocked)
    }

    func stopRecording(_ channel: Int) {
        channels[channel].input.stopRecording(channels[channel].index)
    }
}
