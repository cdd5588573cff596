import EddyCore
import EddyRuntime

/// A stream of `Element`s in a program, as Flink's `DataStream<T>`: transformations return new
/// streams and add operators to the environment's graph.
public struct DataStream<Element: StreamSerializable> {
    public let environment: StreamExecutionEnvironment
    let node: LogicalNode
    /// Set when this stream is a side output of `node`.
    let sideOutputTag: String?
    /// Set by `rebalance()`, `broadcast()` and the like: the partitioning of the edge into the next
    /// operator (Flink's virtual partition transformation).
    let partitioning: Partitioning?

    init(
        _ environment: StreamExecutionEnvironment, _ node: LogicalNode, sideOutputTag: String? = nil,
        partitioning: Partitioning? = nil
    ) {
        self.environment = environment
        self.node = node
        self.sideOutputTag = sideOutputTag
        self.partitioning = partitioning
    }

    /// The codec of this stream's elements.
    static var codec: ExchangeCodec {
        let serializer = Element.streamSerializer
        // Built here, where Element is concrete, so the input gate's per-record read is specialized.
        return ExchangeCodec.of(serializer, readRecord: { view in try serializer.deserialize(from: &view) })
    }

    /// An edge from this stream into input `inputIndex` of a new node; a partitioning chosen with
    /// `rebalance()` and the like wins over the default `.forward`.
    func edge(_ partitioning: Partitioning = .forward, explicit: Bool = false, inputIndex: Int = 0,
              selector: ((Int, Int) -> AnyObject)? = nil) -> LogicalEdge {
        let chosen = explicit ? partitioning : (self.partitioning ?? partitioning)
        return LogicalEdge(
            source: node.id, inputIndex: inputIndex, partitioning: chosen,
            explicitPartitioning: explicit || self.partitioning != nil,
            makeSelector: selector, sideOutputTag: sideOutputTag,
            sideOutputCodec: sideOutputTag == nil ? nil : Self.codec)
    }

    /// Adds a one-input operator fed by this stream.
    /// - Parameter build: given the subtask's context and its downstream output, returns the output
    ///   that feeds the operator and the operator's lifecycle objects.
    func addOperator<R: StreamSerializable>(
        _ name: String, partitioning: Partitioning = .forward, explicit: Bool = false,
        selector: ((Int, Int) -> AnyObject)? = nil,
        build: @escaping (DeploymentContext, Output<R>) throws -> (Output<Element>, [OperatorLifecycle])
    ) -> DataStream<R> {
        let newNode = environment.addNode(name: name, makeOperator: { context, downstream in
            let output = OutputBox<R>.from(downstream!, name).output
            let (input, lifecycle) = try build(context, output)
            return ([OutputBox(input)], lifecycle)
        }, codec: DataStream<R>.codec)
        newNode.addInput(edge(partitioning, explicit: explicit, selector: selector))
        return DataStream<R>(environment, newNode)
    }

    // MARK: settings of the operator that produces this stream

    /// Sets the parallelism of the operator that produces this stream.
    @discardableResult
    public func setParallelism(_ parallelism: Int) -> DataStream {
        precondition(parallelism >= 1 && parallelism <= environment.maxParallelism, "parallelism \(parallelism) outside 1...\(environment.maxParallelism)")
        node.parallelism = parallelism
        return self
    }

    /// Names the operator that produces this stream (metrics, task names).
    @discardableResult
    public func name(_ name: String) -> DataStream {
        node.name = name
        return self
    }

    /// Runs the producing operator in a task of its own: no chaining to its input or to what follows.
    @discardableResult
    public func disableChaining() -> DataStream {
        node.chaining = .never
        return self
    }

    /// Starts a new chain at the producing operator (what follows may still chain to it).
    @discardableResult
    public func startNewChain() -> DataStream {
        node.chaining = .head
        return self
    }
}
