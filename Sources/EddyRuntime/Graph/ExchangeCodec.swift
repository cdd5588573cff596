import EddyCore

/// How one element type crosses an exchange, with its type erased: builds the writer on the
/// producer side and the input gate on the consumer side, and fans an output out to several
/// downstream outputs. Made by the typed API, where the type and its serializer are known.
public struct ExchangeCodec {
    /// A record writer over `channels` (the consumers this producer feeds, in order) as an
    /// `OutputBox<T>`, and the writer for the task loop. `keySelector` (a `ChannelSelectorBox<T>`)
    /// is required for `.keyGroups`.
    public let makeWriter: (
        _ channels: [LocalChannel], _ partitioning: Partitioning, _ keySelector: AnyObject?, _ seed: UInt64,
        _ flushTimeoutMillis: Int
    ) -> (box: AnyObject, writer: TaskOutput)
    /// An input gate over `channels` that feeds `target` (an `OutputBox<T>`).
    public let makeGate: (_ name: String, _ channels: [LocalChannel], _ target: AnyObject) -> InputProcessor
    /// One `OutputBox<T>` that sends everything to each of `targets` (each an `OutputBox<T>`).
    public let fanOut: (_ targets: [AnyObject]) -> AnyObject
    /// An `OutputBox<T>` that drops everything (a node whose output nobody consumes).
    public let discard: () -> AnyObject
    /// `box` (an `OutputBox<T>`) with its side outputs routed by `route`.
    public let routingSideOutputs: (_ box: AnyObject, _ route: @escaping (String, Any, Int64?) throws -> Void) -> AnyObject
    /// A sink for side-output values of this type: casts each `Any` to `T` and records it in `box`.
    public let acceptingAny: (_ box: AnyObject) -> (Any, Int64?) throws -> Void

    /// The codec of `S.Value`.
    /// - Parameter readRecord: deserializes a record from a channel view, built where `S` is concrete
    ///   so input gates run specialized code per record (see ``InputGate``).
    public static func of<S: Serializer>(
        _ serializer: S, readRecord: ((inout ChannelInputView) throws -> S.Value)? = nil
    ) -> ExchangeCodec {
        typealias T = S.Value
        return ExchangeCodec(
            makeWriter: { channels, partitioning, keySelector, seed, timeout in
                let count = channels.count
                let select: ((T) -> Int)?
                switch partitioning {
                case .broadcast:
                    select = nil
                case .keyGroups:
                    guard let keySelector else { preconditionFailure("a key-group edge needs a key selector") }
                    select = ChannelSelectorBox<T>.fromAny(keySelector).select
                case .forward:
                    select = { _ in 0 }
                case .rebalance, .rescale:
                    let counter = RoundRobinCounter(count: count, start: Int(seed % UInt64(max(count, 1))))
                    select = { _ in counter.next() }
                case .shuffle:
                    let random = RandomChannel(count: count, seed: seed)
                    select = { _ in random.next() }
                }
                let writer = RecordWriter(channels: channels, serializer: serializer, flushTimeoutMillis: timeout, select: select)
                return (OutputBox(writer.output()), writer)
            },
            makeGate: { name, channels, target in
                InputGate(
                    name: name, channels: channels, serializer: serializer, output: OutputBox<T>.from(target, name).output,
                    readRecord: readRecord)
            },
            fanOut: { targets in
                let outputs = targets.map { OutputBox<T>.from($0, "fan-out").output }
                if outputs.count == 1 { return OutputBox(outputs[0]) }
                return OutputBox(Output<T>(
                    record: { value, timestamp in for output in outputs { try output.record(value, timestamp) } },
                    watermark: { watermark in for output in outputs { try output.watermark(watermark) } },
                    streamStatus: { status in for output in outputs { try output.streamStatus(status) } },
                    latencyMarker: { marker in for output in outputs { try output.latencyMarker(marker) } },
                    sideOutput: { tag, value, timestamp in for output in outputs { try output.sideOutput(tag, value, timestamp) } }))
            },
            discard: { OutputBox(Output<T>(record: { _, _ in })) },
            routingSideOutputs: { box, route in
                var output = OutputBox<T>.from(box, "side outputs").output
                output.sideOutput = route
                return OutputBox(output)
            },
            acceptingAny: { box in
                let output = OutputBox<T>.from(box, "side output").output
                return { value, timestamp in
                    guard let typed = value as? T else {
                        preconditionFailure("side output expected \(T.self), got \(type(of: value))")
                    }
                    try output.record(typed, timestamp)
                }
            })
    }
}

extension ChannelSelectorBox {
    static func fromAny(_ object: AnyObject) -> ChannelSelectorBox<Element> {
        guard let box = object as? ChannelSelectorBox<Element> else {
            preconditionFailure("job graph wiring: expected a selector of \(Element.self), got \(type(of: object))")
        }
        return box
    }
}

/// Channel indices round robin, starting at a per-producer offset so producers do not all hit
/// channel 0 first.
final class RoundRobinCounter {
    let count: Int
    private var position: Int
    init(count: Int, start: Int) {
        self.count = count
        position = start - 1
    }
    func next() -> Int {
        position = position + 1 >= count ? 0 : position + 1
        return position
    }
}

/// A seeded random channel index (never Swift's per-process seeded hashing or system random: runs are reproducible).
final class RandomChannel {
    let count: Int
    private var state: UInt64
    init(count: Int, seed: UInt64) {
        self.count = count
        state = seed
    }
    func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(count))
    }
}
