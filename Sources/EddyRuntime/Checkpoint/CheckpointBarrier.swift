import EddyState

/// Marks a cut through a stream: every element before it belongs to checkpoint `checkpointID`'s
/// state, every element after it to later ones. Sources emit it when the coordinator triggers a
/// checkpoint; operators snapshot when it has arrived on all their inputs (aligned) or on the first
/// (unaligned), then pass it on. Encoded on exchanges under ``ElementTag/barrier``.
public struct CheckpointBarrier: Sendable, Hashable {
    public var checkpointID: Int64
    /// Wall-clock milliseconds when the coordinator triggered it.
    public var timestampMillis: Int64
    public var options: CheckpointOptions

    public init(checkpointID: Int64, timestampMillis: Int64, options: CheckpointOptions = CheckpointOptions()) {
        self.checkpointID = checkpointID
        self.timestampMillis = timestampMillis
        self.options = options
    }
}

/// How a checkpoint is taken.
public struct CheckpointOptions: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable {
        /// A periodic checkpoint, in the backends' own (possibly incremental) format.
        case checkpoint = 0
        /// A savepoint in the canonical format (restores into another backend and parallelism).
        case savepoint = 1
        /// A savepoint after which the sources stop (stop-with-savepoint).
        case terminatingSavepoint = 2
    }

    public var kind: Kind
    /// In-flight buffers become part of the checkpoint instead of waiting for alignment.
    public var unaligned: Bool

    public init(kind: Kind = .checkpoint, unaligned: Bool = false) {
        self.kind = kind
        self.unaligned = unaligned
    }

    /// The format keyed backends write for this barrier.
    public var snapshotKind: SnapshotKind { kind == .checkpoint ? .checkpoint : .canonicalSavepoint }
    public var isSavepoint: Bool { kind != .checkpoint }
}
