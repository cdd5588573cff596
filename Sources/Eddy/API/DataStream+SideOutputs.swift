import EddyCore
import EddyRuntime

extension DataStream {
    /// The elements the producing operator sent to the side output `tag` (Flink's
    /// `getSideOutput`): dead letters of a file source, late records of a window.
    ///
    /// The side stream is fed by the same operator as this stream; an operator consuming it always
    /// runs in a task of its own (side-output edges never chain), so `T` crosses an exchange. A
    /// partitioning set on this stream (`rebalance()`) does not carry over.
    /// - Parameter tag: the tag the operator emits with; elements of another type under the same
    ///   name are a programming error (the job stops with a precondition failure).
    public func sideOutput<T: StreamSerializable>(_ tag: OutputTag<T>) -> DataStream<T> {
        DataStream<T>(environment, node, sideOutputTag: tag.name)
    }
}
