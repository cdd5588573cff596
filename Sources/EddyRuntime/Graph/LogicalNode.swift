/// A node of the logical job graph, its types erased into factories made by the typed API.
///
/// - A source node has `makeSource`; every other node `makeOperator`, which returns one input box
///   per input index (`OutputBox<In_k>`) wired to the given downstream (`OutputBox<Out>`, nil for a sink).
/// - `codec` puts the node's output on an exchange and reads it back (nil for sinks).
public final class LogicalNode {
    public let id: Int
    public var name: String
    /// nil: the environment's default.
    public var parallelism: Int?
    public var chaining: ChainingStrategy = .always
    public private(set) var inputs: [LogicalEdge] = []
    public let makeSource: ((DeploymentContext, AnyObject) throws -> SourceDriver)?
    public let makeOperator: ((DeploymentContext, AnyObject?) throws -> (inputs: [AnyObject], lifecycle: [OperatorLifecycle]))?
    public let codec: ExchangeCodec?
    /// Side-output edges (tag name → element type codec) are edges with `sideOutputTag` set.
    public var isSink: Bool { codec == nil }

    public init(
        id: Int, name: String,
        makeSource: ((DeploymentContext, AnyObject) throws -> SourceDriver)? = nil,
        makeOperator: ((DeploymentContext, AnyObject?) throws -> (inputs: [AnyObject], lifecycle: [OperatorLifecycle]))? = nil,
        codec: ExchangeCodec?
    ) {
        precondition((makeSource == nil) != (makeOperator == nil), "a node is a source or an operator")
        self.id = id
        self.name = name
        self.makeSource = makeSource
        self.makeOperator = makeOperator
        self.codec = codec
    }

    public func addInput(_ edge: LogicalEdge) { inputs.append(edge) }
}

/// An edge of the logical graph: from a node's output (or one of its side outputs) into an input
/// of another node.
public struct LogicalEdge {
    public var source: Int
    public var inputIndex: Int
    public var partitioning: Partitioning
    /// For `.keyGroups`: makes the channel selector (a `ChannelSelectorBox<T>`) for a consumer
    /// parallelism and max parallelism: record → consumer subtask.
    public var makeSelector: ((Int, Int) -> AnyObject)?
    /// Set when the edge carries a side output of `source` instead of its main output.
    public var sideOutputTag: String?
    /// Set for side-output edges: the codec of the side output's element type.
    public var sideOutputCodec: ExchangeCodec?
    /// True when the partitioning was chosen by the user (a forward edge of the API default may
    /// become a rebalance when parallelism differs).
    public var explicitPartitioning: Bool

    public init(
        source: Int, inputIndex: Int = 0, partitioning: Partitioning = .forward, explicitPartitioning: Bool = false,
        makeSelector: ((Int, Int) -> AnyObject)? = nil, sideOutputTag: String? = nil, sideOutputCodec: ExchangeCodec? = nil
    ) {
        self.source = source
        self.inputIndex = inputIndex
        self.partitioning = partitioning
        self.explicitPartitioning = explicitPartitioning
        self.makeSelector = makeSelector
        self.sideOutputTag = sideOutputTag
        self.sideOutputCodec = sideOutputCodec
    }
}

/// A per-record channel choice in a class, for passing through the graph.
public final class ChannelSelectorBox<Element> {
    public let select: (Element) -> Int
    public init(_ select: @escaping (Element) -> Int) { self.select = select }
}
