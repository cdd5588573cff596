import EddyCore
import EddyRuntime

extension StreamExecutionEnvironment {
    /// A stream read by one source reader per subtask. A ``CheckpointedSourceReader`` takes part in
    /// checkpoints (its position is restored before it opens); any other reader starts afresh on a
    /// restore.
    /// - Parameter makeReader: builds the reader of (subtask, parallelism).
    public func source<R: SourceReader>(
        _ name: String = "source", parallelism: Int? = nil, _ makeReader: @escaping (Int, Int) throws -> R
    ) -> DataStream<R.Element> where R.Element: StreamSerializable {
        let node = addNode(name: name, makeSource: { context, downstream in
            let reader = try makeReader(context.subtaskIndex, context.parallelism)
            var output = OutputBox<R.Element>.from(downstream, name).output
            let metrics = context.metrics
            let record = output.record
            output.record = { value, timestamp in
                metrics.recordsOut.increment()
                try record(value, timestamp)
            }
            return try SourceDriver.reading(
                reader, into: output, subtaskIndex: context.subtaskIndex, parallelism: context.parallelism, name: name,
                restore: context.restore)
        }, codec: DataStream<R.Element>.codec)
        node.parallelism = parallelism
        return DataStream(self, node)
    }

    /// A bounded stream of `values`; with parallelism p, subtask i emits every p-th value from i.
    public func fromCollection<T: StreamSerializable>(
        _ values: [T], name: String = "collection", parallelism: Int = 1, timestamp: ((T) -> Int64)? = nil
    ) -> DataStream<T> {
        source(name, parallelism: parallelism) { subtask, p in
            CollectionSourceReader(values: values, subtask: subtask, parallelism: p, timestamp: timestamp)
        }
    }
}

/// Emits the elements of an array (its share for one subtask), in batches.
final class CollectionSourceReader<T>: SourceReader {
    private let values: [T]
    private var index: Int
    private let step: Int
    private let timestamp: ((T) -> Int64)?

    init(values: [T], subtask: Int, parallelism: Int, timestamp: ((T) -> Int64)?) {
        self.values = values
        self.index = subtask
        self.step = parallelism
        self.timestamp = timestamp
    }

    func poll(into output: Output<T>, budget: Int) throws -> SourceStatus {
        var emitted = 0
        while index < values.count && emitted < budget {
            let value = values[index]
            try output.record(value, timestamp?(value))
            index += step
            emitted += 1
        }
        return index < values.count ? .moreAvailable : .endOfInput
    }
}
