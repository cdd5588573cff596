import EddyCore

/// One distinct-count subtask's part of a window, for ``DistinctCountSum``: its count and, for
/// sketch methods at parallelism above 1, the serialized union of the window's sketches. Exact
/// counts add up (each subtask counts the users of its key groups); sketches are united instead,
/// so a user counted by two subtasks (after a rescale) counts once, and the result does not depend
/// on the parallelism.
public struct DistinctCountPart: Hashable, Sendable, StreamSerializable {
    public var result: DistinctCountResult
    /// The window's sketch (``EddySketches/MergeableSketch/serialized()``); empty for a count only.
    public var sketch: [UInt8]

    public init(_ result: DistinctCountResult, sketch: [UInt8] = []) {
        self.result = result
        self.sketch = sketch
    }

    public static var streamSerializer: DistinctCountPartSerializer { DistinctCountPartSerializer() }
}

public struct DistinctCountPartSerializer: Serializer {
    public init() {}
    public var fixedSize: Int? { nil }
    public func serialize<W: BinaryWriter>(_ value: DistinctCountPart, to writer: inout W) {
        DistinctCountResultSerializer().serialize(value.result, to: &writer)
        writer.writeVarInt(UInt64(value.sketch.count))
        writer.writeBytes(value.sketch)
    }
    public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> DistinctCountPart {
        let result = try DistinctCountResultSerializer().deserialize(from: &reader)
        return DistinctCountPart(result, sketch: try reader.readBytes(count: try reader.readLength()))
    }
}
