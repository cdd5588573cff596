import EddyCore
import EddyRuntime
import EddyState

/// The context of ``BroadcastProcessFunction/processBroadcastElement(_:context:)``: a
/// ``CoProcessContext`` with read-write access to the declared broadcast states (Flink's
/// `BroadcastProcessFunction.Context`). Every subtask receives every broadcast element, so the
/// function must update the state the same way on each (deterministically, from the element only).
///
/// Thread-safety: confined to the operator's task thread.
public final class BroadcastContext<Out>: CoProcessContext<Out> {
    let states: BroadcastStates

    init(states: BroadcastStates, output: Output<Out>, metrics: OperatorMetrics, progress: TwoInputProgress<Out>, subtaskIndex: Int, parallelism: Int) {
        self.states = states
        super.init(output: output, metrics: metrics, progress: progress, subtaskIndex: subtaskIndex, parallelism: parallelism)
    }

    /// The broadcast state of `descriptor`, writable.
    /// - Throws: ``StateError`` `.invalidState` when `descriptor` was not given to `broadcast(_:)`,
    ///   `.incompatible` when its name was declared with other types.
    /// - Complexity: O(1) on average (two lookups by name).
    public func broadcastState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>
    ) throws -> BroadcastState<KS.Value, VS.Value> {
        try states.state(descriptor)
    }
}

/// The context of ``BroadcastProcessFunction/processElement(_:context:)``: a ``CoProcessContext``
/// with read-only access to the broadcast states (Flink's `ReadOnlyContext`).
///
/// Thread-safety: confined to the operator's task thread.
public final class ReadOnlyBroadcastContext<Out>: CoProcessContext<Out> {
    let states: BroadcastStates

    init(states: BroadcastStates, output: Output<Out>, metrics: OperatorMetrics, progress: TwoInputProgress<Out>, subtaskIndex: Int, parallelism: Int) {
        self.states = states
        super.init(output: output, metrics: metrics, progress: progress, subtaskIndex: subtaskIndex, parallelism: parallelism)
    }

    /// A read-only view of the broadcast state of `descriptor` (empty until broadcast elements fill it).
    /// - Throws: as ``BroadcastContext/broadcastState(_:)``.
    /// - Complexity: O(1) on average.
    public func broadcastState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>
    ) throws -> ReadOnlyBroadcastState<KS.Value, VS.Value> {
        ReadOnlyBroadcastState(try states.state(descriptor))
    }
}
