@testable import EddyRuntime

/// Records what reaches an ``Output``, in order.
final class WatermarkRecorder<T> {
    enum Event: CustomStringConvertible {
        case record(T, Int64?)
        case watermark(Int64)
        case status(StreamStatus)

        var description: String {
            switch self {
            case .record(let value, let timestamp): "record(\(value), \(timestamp.map(String.init) ?? "nil"))"
            case .watermark(let timestamp): "watermark(\(timestamp))"
            case .status(let status): "\(status)"
            }
        }
    }

    var events: [Event] = []

    /// Holds the recorder strongly; the recorder does not hold it.
    var output: Output<T> {
        Output(
            record: { [self] value, timestamp in events.append(.record(value, timestamp)) },
            watermark: { [self] watermark in events.append(.watermark(watermark.timestamp)) },
            streamStatus: { [self] status in events.append(.status(status)) })
    }

    var watermarks: [Int64] {
        events.compactMap { if case .watermark(let timestamp) = $0 { timestamp } else { nil } }
    }

    /// Events as strings, for comparisons that read well in failures.
    var log: [String] { events.map(\.description) }

    func clear() { events.removeAll() }
}
