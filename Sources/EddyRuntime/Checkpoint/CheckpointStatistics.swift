import Synchronization

/// Counts and figures of a job's checkpoints, written by the coordinator and read by metric
/// reporters (Flink's checkpoint statistics, with its metric names).
///
/// Thread-safety: one mutex.
public final class CheckpointStatistics: Sendable {
    public struct Values: Sendable, Hashable {
        public var triggered: Int64 = 0
        public var completed: Int64 = 0
        public var failed: Int64 = 0
        public var inProgress: Int64 = 0
        public var lastCompletedID: Int64 = 0
        /// Trigger to completion of the last completed checkpoint.
        public var lastDurationMillis: Int64 = 0
        /// Bytes of every file the last completed checkpoint refers to.
        public var lastStateBytes: Int64 = 0
        public var lastChannelStateBytes: Int64 = 0
        /// The slowest task's parts of the last completed checkpoint.
        public var lastSynchronousNanoseconds: UInt64 = 0
        public var lastAsynchronousNanoseconds: UInt64 = 0
        public var lastAlignmentNanoseconds: UInt64 = 0
        /// Sums over every completed checkpoint (averages for benchmarks and reports).
        public var totalDurationMillis: Int64 = 0
        public var totalSynchronousNanoseconds: UInt64 = 0
        public var totalAsynchronousNanoseconds: UInt64 = 0
        public var totalAlignmentNanoseconds: UInt64 = 0
        public var totalStateBytes: Int64 = 0

        public init() {}
    }

    private let values = Mutex(Values())

    public init() {}

    public var current: Values { values.withLock { $0 } }

    func triggered() {
        values.withLock {
            $0.triggered += 1
            $0.inProgress += 1
        }
    }

    func completed(_ id: Int64, durationMillis: Int64, tasks: [TaskCheckpointMetrics]) {
        values.withLock {
            $0.completed += 1
            $0.inProgress -= 1
            $0.lastCompletedID = id
            $0.lastDurationMillis = durationMillis
            $0.lastStateBytes = tasks.reduce(0) { $0 + $1.stateBytes }
            $0.lastChannelStateBytes = tasks.reduce(0) { $0 + $1.channelStateBytes }
            $0.lastSynchronousNanoseconds = tasks.map(\.synchronousNanoseconds).max() ?? 0
            $0.lastAsynchronousNanoseconds = tasks.map(\.asynchronousNanoseconds).max() ?? 0
            $0.lastAlignmentNanoseconds = tasks.map(\.alignmentNanoseconds).max() ?? 0
            $0.totalDurationMillis += durationMillis
            $0.totalSynchronousNanoseconds += $0.lastSynchronousNanoseconds
            $0.totalAsynchronousNanoseconds += $0.lastAsynchronousNanoseconds
            $0.totalAlignmentNanoseconds += $0.lastAlignmentNanoseconds
            $0.totalStateBytes += $0.lastStateBytes
        }
    }

    func failed() {
        values.withLock {
            $0.failed += 1
            $0.inProgress -= 1
        }
    }
}

extension MetricRegistry {
    /// Registers a job's checkpoint statistics under `scope` (`job/<id>/checkpoints`), with Flink's
    /// names: `numberOfCompletedCheckpoints`, `numberOfFailedCheckpoints`,
    /// `numberOfInProgressCheckpoints`, `lastCheckpointDuration`, `lastCheckpointSize`, and
    /// `lastCheckpointSyncDuration`, `lastCheckpointAsyncDuration`, `lastCheckpointAlignmentDuration`
    /// (slowest task), `lastCheckpointChannelStateSize`, `lastCompletedCheckpointId`.
    public func register(_ statistics: CheckpointStatistics, scope: String) {
        func gauge(_ name: String, _ unit: MetricUnit, _ read: @escaping @Sendable (CheckpointStatistics.Values) -> Int64) {
            registerGauge(MetricNames.join(scope, name), unit: unit) { read(statistics.current) }
        }
        gauge("numberOfCompletedCheckpoints", .count) { $0.completed }
        gauge("numberOfFailedCheckpoints", .count) { $0.failed }
        gauge("numberOfInProgressCheckpoints", .count) { $0.inProgress }
        gauge("lastCompletedCheckpointId", .count) { $0.lastCompletedID }
        gauge("lastCheckpointDuration", .nanoseconds) { $0.lastDurationMillis * 1_000_000 }
        gauge("lastCheckpointSize", .bytes) { $0.lastStateBytes }
        gauge("lastCheckpointChannelStateSize", .bytes) { $0.lastChannelStateBytes }
        gauge("lastCheckpointSyncDuration", .nanoseconds) { Int64($0.lastSynchronousNanoseconds) }
        gauge("lastCheckpointAsyncDuration", .nanoseconds) { Int64($0.lastAsynchronousNanoseconds) }
        gauge("lastCheckpointAlignmentDuration", .nanoseconds) { Int64($0.lastAlignmentNanoseconds) }
    }
}
