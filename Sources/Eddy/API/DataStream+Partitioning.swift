import EddyRuntime

extension DataStream {
    /// The same stream, sent to the next operator with `partitioning` (no operator of its own).
    private func partitioned(_ partitioning: Partitioning, _ name: String) -> DataStream<Element> {
        DataStream(environment, node, sideOutputTag: sideOutputTag, partitioning: partitioning)
    }

    /// Round robin over all downstream subtasks.
    public func rebalance() -> DataStream<Element> { partitioned(.rebalance, "rebalance") }
    /// Round robin over a local group of downstream subtasks.
    public func rescale() -> DataStream<Element> { partitioned(.rescale, "rescale") }
    /// A random downstream subtask per record (seeded, reproducible).
    public func shuffle() -> DataStream<Element> { partitioned(.shuffle, "shuffle") }
    /// Every record to every downstream subtask.
    public func broadcast() -> DataStream<Element> { partitioned(.broadcast, "broadcast") }
    /// Subtask i to subtask i; needs equal parallelism.
    public func forward() -> DataStream<Element> { partitioned(.forward, "forward") }
}
