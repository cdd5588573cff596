/// How records of an edge are distributed over the consuming subtasks (Flink's partitioners).
public enum Partitioning: Sendable, Hashable {
    /// Producer subtask i to consumer subtask i (equal parallelism); the edge chains when possible.
    case forward
    /// Round robin over all consumers.
    case rebalance
    /// Round robin over a local group of consumers (producer i feeds consumers i·c/p ..< (i+1)·c/p).
    case rescale
    /// A random consumer per record.
    case shuffle
    /// Every record to every consumer.
    case broadcast
    /// By key group of the record's key (a keyed stream).
    case keyGroups

    /// The consumer subtasks producer `subtask` sends to.
    public func targets(producer subtask: Int, producers: Int, consumers: Int) -> [Int] {
        switch self {
        case .forward:
            precondition(producers == consumers, "a forward edge needs equal parallelism (\(producers) → \(consumers))")
            return [subtask]
        case .rescale:
            if consumers >= producers {
                return Array((subtask * consumers / producers)..<((subtask + 1) * consumers / producers))
            }
            return [subtask * consumers / producers]
        case .rebalance, .shuffle, .broadcast, .keyGroups:
            return Array(0..<consumers)
        }
    }
}
