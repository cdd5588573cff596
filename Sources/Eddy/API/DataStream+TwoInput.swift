import EddyCore
import EddyRuntime

extension StreamExecutionEnvironment {
    /// Adds a two-input operator fed by `first` (input 0) and `second` (input 1). Such a node never
    /// chains (a chained node has exactly one input edge), so each input gets an input gate of its own.
    /// - Parameter build: given the subtask's context and its downstream output, returns the outputs
    ///   that feed inputs 0 and 1 and the operator's lifecycle objects.
    func addTwoInputOperator<R: StreamSerializable, A, B>(
        _ name: String, first: LogicalEdge, second: LogicalEdge,
        build: @escaping (DeploymentContext, Output<R>) throws -> (Output<A>, Output<B>, [OperatorLifecycle])
    ) -> DataStream<R> {
        precondition(first.inputIndex == 0 && second.inputIndex == 1, "two-input edges go into inputs 0 and 1")
        let node = addNode(name: name, makeOperator: { context, downstream in
            let output = OutputBox<R>.from(downstream!, name).output
            let (input1, input2, lifecycle) = try build(context, output)
            return ([OutputBox(input1), OutputBox(input2)], lifecycle)
        }, codec: DataStream<R>.codec)
        node.addInput(first)
        node.addInput(second)
        return DataStream(self, node)
    }
}
