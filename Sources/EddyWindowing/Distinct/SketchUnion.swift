import EddyMemory
import EddySketches

/// How ``DistinctCountSum`` unites serialized window sketches of one kind and estimates the union.
public struct SketchUnion {
    let unite: (_ into: [UInt8], _ part: [UInt8]) throws -> [UInt8]
    let estimate: (_ sketch: [UInt8]) throws -> Int64

    /// Unions of `Sketch`s decoded into segments of `memory`, held only while they are combined.
    public static func of<Sketch: MergeableSketch>(_: Sketch.Type, memory: MemoryOwner) -> SketchUnion {
        SketchUnion(
            unite: { into, part in
                let union = try Sketch(serialized: into, memory: memory)
                defer { union.releaseMemory() }
                let other = try Sketch(serialized: part, memory: memory)
                defer { other.releaseMemory() }
                union.formUnion(other)
                return union.serialized()
            },
            estimate: { bytes in
                let sketch = try Sketch(serialized: bytes, memory: memory)
                defer { sketch.releaseMemory() }
                return Int64(sketch.estimate().rounded())
            })
    }
}
