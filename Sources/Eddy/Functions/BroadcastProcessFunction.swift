/// A function over a stream connected with a broadcast stream (Flink's broadcast state pattern,
/// `BroadcastProcessFunction`): every subtask receives every broadcast element (rules, thresholds,
/// a model) and keeps it in broadcast state; elements of the other input are processed against a
/// read-only view of that state.
///
/// The two inputs are not ordered against each other: an element may be processed before the
/// broadcast elements sent "before" it arrive. Design for it (a default for unknown rules, or
/// buffer in state), as in Flink.
///
/// Thread-safety: as ``CoProcessFunction``: an instance given to `process(_:)` is called by every
/// subtask's thread; keep mutable fields only in instances made by `process(perSubtask:)`.
/// Broadcast state is per subtask and safe to use from the contexts.
public protocol BroadcastProcessFunction<Input, Broadcast, Output>: AnyObject {
    associatedtype Input
    associatedtype Broadcast
    associatedtype Output

    /// Processes one element of the non-broadcast input; broadcast state is read-only here.
    /// - Throws: anything; the job fails with this element as the failing record.
    func processElement(_ value: Input, context: ReadOnlyBroadcastContext<Output>) throws

    /// Processes one broadcast element (each subtask gets each one); may update broadcast state,
    /// and must do so identically on every subtask.
    /// - Throws: anything; the job fails with this element as the failing record.
    func processBroadcastElement(_ value: Broadcast, context: BroadcastContext<Output>) throws
}
