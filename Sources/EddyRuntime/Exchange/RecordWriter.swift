import EddyCore
import EddyMemory

/// The producer side of an exchange edge in one subtask: serializes stream elements into the
/// channels of the consuming subtasks, choosing the channel per record (Flink's `RecordWriter` +
/// `ChannelSelector`). Watermarks and stream status go to every channel.
///
/// Thread-safety: the producing task's thread only.
public final class RecordWriter<S: Serializer> {
    public typealias Element = S.Value
    var views: [ChannelOutputView]
    private let serializer: S
    /// Picks the channel (index into the writer's channels) of a record; nil means all (broadcast).
    private let select: ((Element) -> Int)?
    /// Buffer timeout: a partly filled buffer is sent once it is this old (Flink's default 100 ms).
    public let flushTimeoutNanoseconds: UInt64

    /// - Parameters:
    ///   - channels: the channels to the consumer subtasks this producer feeds, in target order.
    ///   - select: channel choice per record; nil broadcasts every record.
    public init(
        channels: [LocalChannel], serializer: S, flushTimeoutMillis: Int = 100, select: ((Element) -> Int)?
    ) {
        precondition(!channels.isEmpty, "a record writer needs at least one channel")
        views = channels.map(ChannelOutputView.init)
        self.serializer = serializer
        self.select = select
        flushTimeoutNanoseconds = UInt64(max(flushTimeoutMillis, 0)) * 1_000_000
    }

    public var channelCount: Int { views.count }

    /// Writes one record.
    @inline(__always)
    public func write(_ value: Element, timestamp: Int64?) {
        if let select {
            writeRecord(value, timestamp: timestamp, to: select(value))
        } else {
            for index in views.indices { writeRecord(value, timestamp: timestamp, to: index) }
        }
    }

    @inline(__always)
    private func writeRecord(_ value: Element, timestamp: Int64?, to index: Int) {
        let token = views[index].beginElement()
        if let timestamp {
            views[index].writeByte(ElementTag.timestampedRecord.rawValue)
            views[index].writeInteger(timestamp)
        } else {
            views[index].writeByte(ElementTag.record.rawValue)
        }
        serializer.serialize(value, to: &views[index])
        views[index].endElement(startedAt: token)
    }

    /// Sends a watermark to every channel.
    public func write(_ watermark: Watermark) {
        for index in views.indices {
            views[index].writeByte(ElementTag.watermark.rawValue)
            views[index].writeInteger(watermark.timestamp)
        }
    }

    /// Sends a stream status to every channel.
    public func write(_ status: StreamStatus) {
        for index in views.indices {
            views[index].writeByte(ElementTag.streamStatus.rawValue)
            views[index].writeByte(status.rawValue)
        }
    }

    /// Sends a latency marker to one channel, round robin.
    public func write(_ marker: LatencyMarker) {
        let index = Int(marker.markedTime & 0x7FFF_FFFF) % views.count
        views[index].writeByte(ElementTag.latencyMarker.rawValue)
        views[index].writeInteger(marker.markedTime)
        views[index].writeInteger(marker.sourceOperator)
        views[index].writeInteger(marker.subtask)
    }

    /// Sends every buffer older than the flush timeout; returns the earliest deadline still pending.
    @discardableResult
    public func flushDue(now: UInt64) -> UInt64? {
        var next: UInt64?
        for index in views.indices where views[index].pendingBytes > 0 {
            let deadline = views[index].bufferStartNanoseconds &+ flushTimeoutNanoseconds
            if deadline <= now {
                views[index].flush()
            } else {
                next = min(next ?? deadline, deadline)
            }
        }
        return next
    }

    /// Sends every partly filled buffer now.
    public func flushAll() {
        for index in views.indices { views[index].flush() }
    }

    /// Flushes and ends every channel.
    public func finish() {
        for index in views.indices { views[index].finish() }
    }

    /// Returns unsent segments to their channels without sending them.
    public func abandon() {
        for index in views.indices { views[index].abandon() }
    }

    /// This writer as an ``Output``: the end of a chain that feeds an exchange.
    public func output() -> Output<Element> {
        Output(
            record: { [unowned self] value, timestamp in self.write(value, timestamp: timestamp) },
            watermark: { [unowned self] in self.write($0) },
            streamStatus: { [unowned self] in self.write($0) },
            latencyMarker: { [unowned self] in self.write($0) })
    }
}
