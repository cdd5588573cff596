import EddyCore
import EddyWindowing

/// The key of `windowAll`: every element has it, so one subtask sees them all.
public struct AllWindowsKey: StreamSerializable, Hashable, Sendable {
    public init() {}
    public static var streamSerializer: AllWindowsKeySerializer { AllWindowsKeySerializer() }
}

/// Writes ``AllWindowsKey`` as nothing at all.
public struct AllWindowsKeySerializer: Serializer {
    public init() {}
    public var fixedSize: Int? { 0 }
    public func serialize<W: BinaryWriter>(_ value: AllWindowsKey, to writer: inout W) {}
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> AllWindowsKey { AllWindowsKey() }
}

extension DataStream {
    /// Windows over the whole stream, not per key (Flink's `windowAll`): the window operator runs
    /// in one subtask, whatever the parallelism.
    public func windowAll<A: WindowAssigner>(
        _ assigner: A
    ) -> WindowedStream<Element, AllWindowsKey, A, A.DefaultTrigger, NoEvictor<Element, A.W>> where A.Element == Element {
        var stream = keyBy { _ in AllWindowsKey() }.window(assigner)
        stream.isAllWindows = true
        return stream
    }
}
