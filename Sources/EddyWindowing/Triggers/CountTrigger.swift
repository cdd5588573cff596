import EddyCore
import EddyState

/// Fires (keeping the contents) every `maxCount` elements of a window (Flink's `CountTrigger`); the
/// count is partitioned state, so it survives checkpoints and merges with sessions.
public struct CountTrigger<Element, W: Window>: Trigger {
    public let maxCount: Int64
    static var countState: ReducingStateDescriptor<IntegerSerializer<Int64>> {
        ReducingStateDescriptor(name: "count-trigger", serializer: IntegerSerializer<Int64>()) { $0 &+ $1 }
    }

    /// - Precondition: `maxCount > 0`.
    public init(_ maxCount: Int64) {
        precondition(maxCount > 0, "a count trigger needs a positive count, got \(maxCount)")
        self.maxCount = maxCount
    }

    public func onElement(_ element: Element, timestamp: Int64?, window: W, context: TriggerContext<W>) throws -> TriggerResult {
        let count = try context.partitionedState(Self.countState)
        try count.add(1)
        guard try count.get() ?? 0 >= maxCount else { return .continue }
        try count.clear()
        return .fire
    }

    public func onEventTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }
    public func onProcessingTime(_ time: Int64, window: W, context: TriggerContext<W>) throws -> TriggerResult { .continue }

    public var canMerge: Bool { true }
    public func onMerge(window: W, context: TriggerContext<W>) throws { try context.mergePartitionedState(Self.countState) }
    public func clear(window: W, context: TriggerContext<W>) throws { try context.partitionedState(Self.countState).clear() }
}
