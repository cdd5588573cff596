/// Where an operator sends what it produces, inside a task: the next operator of the chain, or the
/// writer of an exchange. Closures, not a protocol: chains are built from generic, specialized code
/// (the DataStream API) and run as direct closure calls, with no existential per record.
///
/// Timestamps are event-time milliseconds, nil when the element has none.
///
/// Thread-safety: used by the task thread only.
public struct Output<Element> {
    public var record: (Element, Int64?) throws -> Void
    public var watermark: (Watermark) throws -> Void
    public var streamStatus: (StreamStatus) throws -> Void
    public var latencyMarker: (LatencyMarker) throws -> Void
    /// Sends to a side output by tag name (late data, dead letters); unknown tags are dropped.
    public var sideOutput: (String, Any, Int64?) throws -> Void

    public init(
        record: @escaping (Element, Int64?) throws -> Void,
        watermark: @escaping (Watermark) throws -> Void = { _ in },
        streamStatus: @escaping (StreamStatus) throws -> Void = { _ in },
        latencyMarker: @escaping (LatencyMarker) throws -> Void = { _ in },
        sideOutput: @escaping (String, Any, Int64?) throws -> Void = { _, _, _ in }
    ) {
        self.record = record
        self.watermark = watermark
        self.streamStatus = streamStatus
        self.latencyMarker = latencyMarker
        self.sideOutput = sideOutput
    }

    /// The same output for elements of another type, converted by `transform` (events pass as is).
    public func contramap<T>(_ transform: @escaping (T) throws -> Element) -> Output<T> {
        let record = self.record
        return Output<T>(
            record: { value, timestamp in try record(try transform(value), timestamp) },
            watermark: watermark, streamStatus: streamStatus, latencyMarker: latencyMarker, sideOutput: sideOutput)
    }
}

/// A typed side-output name, as Flink's `OutputTag<T>`.
public struct OutputTag<Element>: Hashable, Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

extension Output {
    /// Emits `value` to the side output `tag`.
    public func emit<T>(_ value: T, to tag: OutputTag<T>, timestamp: Int64?) throws {
        try sideOutput(tag.name, value, timestamp)
    }
}
