import EddyCore

/// The consumer side of one logical input of a task: the channels from every producer subtask of
/// every edge into that input (a union is several edges into one input). Reads elements,
/// deserializes records, and calls the input's ``Output``; watermarks are combined over channels
/// (the minimum, idle channels excluded) and passed on only when the combined one advances.
///
/// Thread-safety: the consuming task's thread only.
public final class InputGate<S: Serializer>: InputProcessor {
    private var views: [ChannelInputView]
    private var ended: [Bool]
    private let serializer: S
    private let output: Output<S.Value>
    private var watermarks: WatermarkCombiner
    private var next = 0
    /// The input this gate feeds, for error messages (`operator/input-1`).
    public let name: String

    public init(name: String, channels: [LocalChannel], serializer: S, output: Output<S.Value>) {
        self.name = name
        views = channels.map(ChannelInputView.init)
        ended = Array(repeating: false, count: channels.count)
        self.serializer = serializer
        self.output = output
        watermarks = WatermarkCombiner(inputCount: channels.count)
    }

    public var isFinished: Bool { ended.allSatisfy { $0 } }

    public func processAvailable(budget: Int) throws -> Int {
        var processed = 0
        var idleChannels = 0
        // Round robin over channels so one fast producer does not starve the others.
        while processed < budget && idleChannels < views.count {
            let index = next
            next = next + 1 == views.count ? 0 : next + 1
            if ended[index] { idleChannels += 1; continue }
            if !views[index].hasElementAvailable() {
                if views[index].isExhausted { try channelEnded(index) }
                idleChannels += 1
                continue
            }
            idleChannels = 0
            // A burst per channel keeps the per-element overhead low.
            var burst = 0
            while burst < 256 && processed < budget && views[index].hasElementAvailable() {
                try processElement(from: index)
                burst += 1
                processed += 1
            }
        }
        return processed
    }

    @inline(__always)
    private func processElement(from index: Int) throws {
        let rawTag = try views[index].readByte()
        switch ElementTag(rawValue: rawTag) {
        case .record:
            try output.record(try serializer.deserialize(from: &views[index]), nil)
        case .timestampedRecord:
            let timestamp = try views[index].readInteger(Int64.self)
            try output.record(try serializer.deserialize(from: &views[index]), timestamp)
        case .watermark:
            let watermark = Watermark(try views[index].readInteger(Int64.self))
            if let advanced = watermarks.update(input: index, watermark: watermark) { try output.watermark(advanced) }
        case .streamStatus:
            let status = StreamStatus(rawValue: try views[index].readByte()) ?? .active
            try emit(watermarks.updateStatus(input: index, status: status))
        case .latencyMarker:
            let marker = LatencyMarker(
                markedTime: try views[index].readInteger(Int64.self),
                sourceOperator: try views[index].readInteger(UInt32.self), subtask: try views[index].readInteger(UInt32.self))
            try output.latencyMarker(marker)
        case .barrier, nil:
            throw SerializationError(.malformed, "\(name): unexpected element tag \(rawTag) on channel \(index)")
        }
    }

    /// A channel's producer finished: like an idle one, it no longer holds the watermark back.
    private func channelEnded(_ index: Int) throws {
        ended[index] = true
        views[index].release()
        try emit(watermarks.updateStatus(input: index, status: .idle))
    }

    private func emit(_ emission: WatermarkCombiner.Emission) throws {
        if let watermark = emission.watermark { try output.watermark(watermark) }
        if let status = emission.status { try output.streamStatus(status) }
    }

    public func release() {
        for index in views.indices { views[index].release() }
    }
}
