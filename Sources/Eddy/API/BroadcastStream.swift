import EddyCore
import EddyRuntime
import EddyState

/// A stream sent to every subtask of the operator it is connected to, with the broadcast states
/// that operator keeps (Flink's `BroadcastStream`). Made by `broadcast(_:)`; use it with
/// `connect(_:)` on the other stream.
public struct BroadcastStream<Element: StreamSerializable> {
    let stream: DataStream<Element>
    let declarations: [BroadcastStateDeclaration]
}

extension DataStream {
    /// Broadcasts this stream to an operator that keeps the given broadcast states: map states,
    /// equal on every subtask, written only by the broadcast input.
    /// - Parameters:
    ///   - descriptor: a broadcast state; its name must be unique among the descriptors.
    ///   - more: further broadcast states, of any key and value types.
    public func broadcast<KS: Serializer, VS: Serializer, each MoreKS: Serializer, each MoreVS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>, _ more: repeat MapStateDescriptor<each MoreKS, each MoreVS>
    ) -> BroadcastStream<Element> {
        var declarations = [BroadcastStateDeclaration(descriptor)]
        for other in repeat each more { declarations.append(BroadcastStateDeclaration(other)) }
        let names = declarations.map(\.name)
        precondition(Set(names).count == names.count, "broadcast state names must be unique: \(names)")
        return BroadcastStream(stream: self, declarations: declarations)
    }

    /// Connects this stream with a broadcast stream for a ``BroadcastProcessFunction``: this
    /// stream is input 0 (forward, or rebalance when parallelism differs), the broadcast one input 1.
    public func connect<B: StreamSerializable>(_ broadcast: BroadcastStream<B>) -> BroadcastConnectedStream<Element, B> {
        BroadcastConnectedStream(input: self, broadcast: broadcast)
    }
}
