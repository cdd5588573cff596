import EddyCore
import EddyRuntime

extension DataStream {
    /// One output per input.
    public func map<R: StreamSerializable>(_ name: String = "map", _ transform: @escaping (Element) throws -> R) -> DataStream<R> {
        addOperator(name) { context, output in
            let metrics = context.metrics
            let operatorName = context.operatorName
            return (Output<Element>(
                record: { value, timestamp in
                    metrics.recordsIn.increment()
                    let result: R
                    do { result = try transform(value) } catch {
                        throw UserFunctionError(operatorName: operatorName, record: "\(value)", timestamp: timestamp, underlying: error)
                    }
                    metrics.recordsOut.increment()
                    try output.record(result, timestamp)
                },
                watermark: output.watermark, streamStatus: output.streamStatus,
                latencyMarker: output.latencyMarker, sideOutput: output.sideOutput), [])
        }
    }

    /// Keeps the elements for which `predicate` is true.
    public func filter(_ name: String = "filter", _ predicate: @escaping (Element) throws -> Bool) -> DataStream<Element> {
        addOperator(name) { context, output in
            let metrics = context.metrics
            let operatorName = context.operatorName
            return (Output<Element>(
                record: { value, timestamp in
                    metrics.recordsIn.increment()
                    let keep: Bool
                    do { keep = try predicate(value) } catch {
                        throw UserFunctionError(operatorName: operatorName, record: "\(value)", timestamp: timestamp, underlying: error)
                    }
                    if keep {
                        metrics.recordsOut.increment()
                        try output.record(value, timestamp)
                    }
                },
                watermark: output.watermark, streamStatus: output.streamStatus,
                latencyMarker: output.latencyMarker, sideOutput: output.sideOutput), [])
        }
    }

    /// Zero or more outputs per input, emitted through a ``Collector``.
    public func flatMap<R: StreamSerializable>(
        _ name: String = "flatMap", _ transform: @escaping (Element, Collector<R>) throws -> Void
    ) -> DataStream<R> {
        addOperator(name) { context, output in
            let metrics = context.metrics
            let operatorName = context.operatorName
            let collector = Collector<R>(output: output, metrics: metrics)
            return (Output<Element>(
                record: { value, timestamp in
                    metrics.recordsIn.increment()
                    collector.timestamp = timestamp
                    // A UserFunctionError from a chained operator downstream keeps its own record.
                    try callingUserFunction(operatorName, value, timestamp) { try transform(value, collector) }
                },
                watermark: output.watermark, streamStatus: output.streamStatus,
                latencyMarker: output.latencyMarker, sideOutput: output.sideOutput), [])
        }
    }

    /// Merges streams of the same type (no operator: several edges into one input).
    public func union(_ others: DataStream<Element>...) -> DataStream<Element> {
        let newNode = environment.addNode(name: "union", makeOperator: { _, downstream in
            ([downstream!], [])
        }, codec: Self.codec)
        newNode.addInput(edge(.forward))
        for other in others { newNode.addInput(other.edge(.forward)) }
        return DataStream(environment, newNode)
    }
}

/// Emits the outputs of a `flatMap` or process function, with the input's timestamp unless set.
public final class Collector<Element> {
    let output: Output<Element>
    let metrics: OperatorMetrics
    /// The timestamp emitted records get (the input's, by default).
    public var timestamp: Int64?

    init(output: Output<Element>, metrics: OperatorMetrics) {
        self.output = output
        self.metrics = metrics
    }

    /// Emits one record.
    public func collect(_ value: Element) throws {
        metrics.recordsOut.increment()
        try output.record(value, timestamp)
    }

    /// Emits to a side output.
    public func emit<T>(_ value: T, to tag: OutputTag<T>) throws {
        try output.sideOutput(tag.name, value, timestamp)
    }
}
