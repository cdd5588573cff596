import EddyState

/// The files that hold one key group in incremental mode: a full base file and the delta files
/// written on top of it, oldest first. Restore reads the base and applies the deltas in order.
///
/// Thread-safety: a value.
struct FileChain: Sendable, Hashable {
    /// Base first, then the deltas in checkpoint order.
    private(set) var files: [StateFileHandle]
    /// Bytes of the deltas together, against the base's (the compaction rule).
    private(set) var deltaBytes: Int64 = 0

    init(base: StateFileHandle) { files = [base] }

    var baseBytes: Int64 { files[0].size }
    var deltaCount: Int { files.count - 1 }

    /// The chain with `delta` applied last.
    func appending(delta: StateFileHandle) -> FileChain {
        var chain = self
        chain.files.append(delta)
        chain.deltaBytes += delta.size
        return chain
    }
}

/// What an incremental checkpoint writes for one key group, chosen in its synchronous part.
enum KeyGroupPlan: Sendable {
    /// Nothing: the group holds no entry.
    case empty
    /// Unchanged since the last completed checkpoint: reference its chain.
    case reuse(FileChain)
    /// A new full base file (new group, or compaction of a long chain).
    case base
    /// A delta file with the changed entries, appended to the chain.
    case delta(onto: FileChain)
}
