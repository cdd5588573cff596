/// Generates the watermarks of one input from its events, as Flink's `WatermarkGenerator`.
///
/// Both entry points emit through a ``WatermarkOutput`` rather than returning a watermark: a
/// generator may emit from either (periodic generators from ``onPeriodicEmit(nowMillis:output:)``,
/// punctuated ones from ``onEvent(_:timestamp:output:)``), and may also mark its input idle, which a
/// returned `Watermark?` could not say. The output drops watermarks that do not advance, so a
/// generator may emit the same value again without checking.
///
/// Periodic emission is driven by the task's processing-time timer, which passes the time of the
/// tick: generators that need time (idleness) read it from there, never from a clock of their own,
/// so tests drive them deterministically.
///
/// Thread-safety: a generator belongs to one task thread; create one per input with
/// ``WatermarkStrategy/makeGenerator()``.
public protocol WatermarkGenerator<Element>: AnyObject {
    associatedtype Element
    /// Called for every element after its timestamp is assigned, after the element went downstream.
    /// - Throws: what the downstream output throws.
    func onEvent(_ element: Element, timestamp: Int64, output: WatermarkOutput) throws
    /// Called every ``WatermarkStrategy/periodicEmitIntervalMillis`` by the task.
    /// - Parameter nowMillis: the task's processing time of this tick.
    /// - Throws: what the downstream output throws.
    func onPeriodicEmit(nowMillis: Int64, output: WatermarkOutput) throws
}
