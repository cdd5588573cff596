import EddyCore

/// The consumer side of one logical input of a task: the channels from every producer subtask of
/// every edge into that input (a union is several edges into one input). Reads elements,
/// deserializes records, and calls the input's ``Output``; watermarks are combined over channels
/// (the minimum, idle channels excluded) and passed on only when the combined one advances.
///
/// Checkpoint barriers go to the task's ``CheckpointBarrierHandler``, which may block channels
/// (aligned checkpoints), have their data recorded (unaligned ones), or replay recorded data
/// before a channel's live data (a restore). Blocking is checked per burst and after each element
/// (a flag, no lock); unaligned barriers, which overtake data, once per burst (an atomic load).
///
/// Thread-safety: the consuming task's thread only.
public final class InputGate<S: Serializer>: InputProcessor {
    private var views: [ChannelInputView]
    private var ended: [Bool]
    private var blocked: [Bool]
    /// Recorded elements to process before a channel's live data (a restored unaligned checkpoint).
    private var replays: [ByteArrayReader?]
    private var replaying = 0
    private let serializer: S
    /// Deserializes a record from a live channel: a closure built where the element type is
    /// concrete (the typed API), so this per-record call runs specialized code, which this generic
    /// class, compiled once, cannot.
    private let readLive: (inout ChannelInputView) throws -> S.Value
    private let output: Output<S.Value>
    private var watermarks: WatermarkCombiner
    private var next = 0
    private var barriers: CheckpointBarrierHandler?
    /// The barrier the last element was (set by `processElement`, handled after its read ended).
    private var barrierRead: CheckpointBarrier?
    private var firstChannel = 0
    /// The input this gate feeds, for error messages (`operator/input-1`).
    public let name: String

    /// - Parameter readRecord: deserializes one record from a channel view; nil uses `serializer`
    ///   through this generic class (slower: unspecialized).
    public init(
        name: String, channels: [LocalChannel], serializer: S, output: Output<S.Value>,
        readRecord: ((inout ChannelInputView) throws -> S.Value)? = nil
    ) {
        self.name = name
        views = channels.map(ChannelInputView.init)
        ended = Array(repeating: false, count: channels.count)
        blocked = ended
        replays = Array(repeating: nil, count: channels.count)
        self.serializer = serializer
        readLive = readRecord ?? { view in try serializer.deserialize(from: &view) }
        self.output = output
        watermarks = WatermarkCombiner(inputCount: channels.count)
    }

    public var isFinished: Bool { ended.allSatisfy { $0 } }
    public var channelCount: Int { views.count }

    public func processAvailable(budget: Int) throws -> Int {
        var processed = 0
        var idleChannels = 0
        // Round robin over channels so one fast producer does not starve the others.
        while processed < budget && idleChannels < views.count {
            let index = next
            next = next + 1 == views.count ? 0 : next + 1
            if ended[index] { idleChannels += 1; continue }
            if views[index].channel.hasPriorityEvent { try takePriorityBarrier(index) }
            if blocked[index] { idleChannels += 1; continue }
            if replaying > 0 && replays[index] != nil {
                processed += try replay(index, budget: budget - processed)
                idleChannels = 0
                continue
            }
            if !views[index].hasElementAvailable() {
                if views[index].isExhausted { try channelEnded(index) }
                idleChannels += 1
                continue
            }
            idleChannels = 0
            // A burst per channel keeps the per-element overhead low.
            var burst = 0
            while burst < 256 && processed < budget && !blocked[index] && views[index].hasElementAvailable() {
                if try processElement(from: &views[index], channel: index, read: readLive) { try barrierArrived(channel: index) }
                burst += 1
                processed += 1
            }
        }
        return processed
    }

    /// Reads and processes one element.
    /// - Returns: true when it was a barrier (in `barrierRead`), which the caller hands on once the
    ///   read of the channel's view has ended (the handler may touch the views).
    @inline(__always)
    private func processElement<R: BinaryReader>(
        from reader: inout R, channel index: Int, read: (inout R) throws -> S.Value
    ) throws -> Bool {
        let rawTag = try reader.readByte()
        switch ElementTag(rawValue: rawTag) {
        case .record:
            try output.record(try read(&reader), nil)
        case .timestampedRecord:
            let timestamp = try reader.readInteger(Int64.self)
            try output.record(try read(&reader), timestamp)
        case .watermark:
            let watermark = Watermark(try reader.readInteger(Int64.self))
            if let advanced = watermarks.update(input: index, watermark: watermark) { try output.watermark(advanced) }
        case .streamStatus:
            let status = StreamStatus(rawValue: try reader.readByte()) ?? .active
            try emit(watermarks.updateStatus(input: index, status: status))
        case .latencyMarker:
            let marker = LatencyMarker(
                markedTime: try reader.readInteger(Int64.self),
                sourceOperator: try reader.readInteger(UInt32.self), subtask: try reader.readInteger(UInt32.self))
            try output.latencyMarker(marker)
        case .barrier:
            barrierRead = try CheckpointBarrier.read(from: &reader)
            return true
        case nil:
            throw SerializationError(.malformed, "\(name): unexpected element tag \(rawTag) on channel \(index)")
        }
        return false
    }

    /// An aligned barrier, read in the stream: a recording of this channel ends where it started.
    private func barrierArrived(channel index: Int) throws {
        guard let barrier = barrierRead.take(), let barriers else {
            throw SerializationError(.malformed, "\(name): checkpoint barrier on channel \(index) of a task without checkpointing")
        }
        views[index].recorder?.cut(atBufferOffset: views[index].offset - 1 - CheckpointBarrier.wireSize)
        try barriers.barrier(barrier, channel: firstChannel + index, inFlight: [])
    }

    /// An unaligned barrier, taken out of band between elements: the unread rest of the current
    /// buffer (unless a recording already holds it) and the queued buffers it overtook precede it.
    private func takePriorityBarrier(_ index: Int) throws {
        guard let (barrier, overtaken) = views[index].channel.pollPriority() else { return }
        guard let barriers else {
            throw SerializationError(.malformed, "\(name): checkpoint barrier on channel \(index) of a task without checkpointing")
        }
        var inFlight = views[index].recorder == nil ? views[index].unreadBytesOfCurrentBuffer() : []
        for buffer in overtaken { inFlight += buffer.segment.getBytes(at: 0, count: buffer.length) }
        try barriers.barrier(barrier, channel: firstChannel + index, inFlight: inFlight)
    }

    /// Processes recorded elements of `index` (a restore) until they run out or the budget does.
    private func replay(_ index: Int, budget: Int) throws -> Int {
        guard var reader = replays[index] else { return 0 }
        replays[index] = nil
        var processed = 0
        while processed < budget && !reader.isAtEnd {
            // Recorded data holds only barriers of checkpoints older than the restored one: skipped.
            _ = try processElement(from: &reader, channel: index) { [serializer] in try serializer.deserialize(from: &$0) }
            processed += 1
        }
        if reader.isAtEnd { replaying -= 1 } else { replays[index] = reader }
        return processed
    }

    /// A channel's producer finished: like an idle one, it no longer holds the watermark back.
    private func channelEnded(_ index: Int) throws {
        ended[index] = true
        views[index].release()
        try emit(watermarks.updateStatus(input: index, status: .idle))
        try barriers?.channelFinished(firstChannel + index)
    }

    private func emit(_ emission: WatermarkCombiner.Emission) throws {
        if let watermark = emission.watermark { try output.watermark(watermark) }
        if let status = emission.status { try output.streamStatus(status) }
    }

    public func release() {
        for index in views.indices { views[index].release() }
        barriers = nil
    }

    // MARK: checkpoints

    public func attach(_ handler: CheckpointBarrierHandler, firstChannel: Int) {
        barriers = handler
        self.firstChannel = firstChannel
    }

    public func setBlocked(_ channel: Int, _ isBlocked: Bool) { blocked[channel] = isBlocked }

    public func startRecording(_ channel: Int, into recorder: ChannelStateRecorder) {
        views[channel].startRecording(into: recorder)
    }

    public func stopRecording(_ channel: Int) { views[channel].recorder = nil }

    public func replay(_ bytes: [UInt8], channel: Int) {
        guard !bytes.isEmpty else { return }
        precondition(replays[channel] == nil, "channel \(channel) of \(name) replays twice")
        replays[channel] = ByteArrayReader(bytes)
        replaying += 1
    }
}
