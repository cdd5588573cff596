import EddyCore
import EddyRuntime

extension DataStream {
    /// Writes the stream with one sink writer per subtask. A ``TwoPhaseCommittingSinkWriter``
    /// commits its output when checkpoints complete (exactly-once); any other writer writes as
    /// records come (at-least-once after a restore).
    /// - Parameter makeWriter: builds the writer of (subtask, parallelism).
    @discardableResult
    public func sink<W: SinkWriter>(
        _ name: String = "sink", parallelism: Int? = nil, _ makeWriter: @escaping (Int, Int) throws -> W
    ) -> DataStreamSink where W.Element == Element {
        let newNode = environment.addNode(name: name, makeOperator: { context, _ in
            let writer = try makeWriter(context.subtaskIndex, context.parallelism)
            let metrics = context.metrics
            let lifecycle: OperatorLifecycle
            if let twoPhase = writer as? any TwoPhaseCommittingSinkWriter {
                lifecycle = try TwoPhaseCommitting(
                    name: name, writer: twoPhase, subtaskIndex: context.subtaskIndex, parallelism: context.parallelism,
                    restore: context.restore)
            } else {
                lifecycle = SinkLifecycle(name: name, writer: writer, subtask: context.subtaskIndex, parallelism: context.parallelism)
            }
            let input = Output<Element>(record: { value, timestamp in
                metrics.recordsIn.increment()
                try writer.write(value, timestamp: timestamp)
            }, watermark: { metrics.currentWatermark.set($0.timestamp) })
            return ([OutputBox(input)], [lifecycle])
        }, codec: nil)
        newNode.parallelism = parallelism
        newNode.addInput(edge(.forward))
        return DataStreamSink(node: newNode)
    }
}

/// The end of a stream: a sink's settings.
public struct DataStreamSink {
    let node: LogicalNode

    @discardableResult
    public func setParallelism(_ parallelism: Int) -> DataStreamSink {
        node.parallelism = parallelism
        return self
    }

    @discardableResult
    public func name(_ name: String) -> DataStreamSink {
        node.name = name
        return self
    }
}

/// Opens, finishes and closes a sink writer with its task.
final class SinkLifecycle<W: SinkWriter>: OperatorLifecycle {
    let name: String
    let writer: W
    let subtask: Int
    let parallelism: Int

    init(name: String, writer: W, subtask: Int, parallelism: Int) {
        self.name = name
        self.writer = writer
        self.subtask = subtask
        self.parallelism = parallelism
    }

    func open() throws { try writer.open(subtaskIndex: subtask, parallelism: parallelism) }
    func finish() throws { try writer.finish() }
    func close() { writer.close() }
}
