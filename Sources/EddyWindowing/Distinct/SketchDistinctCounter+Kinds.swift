import EddyMemory
import EddySketches

extension SketchDistinctCounter where Sketch == HyperLogLog {
    /// HyperLogLogs of `precision` (8-bit registers) from `memory`, one per slice and tier.
    public convenience init(windows: SliceWindows, hllPrecision precision: Int, memory: MemoryOwner) {
        self.init(
            windows: windows, makeSketch: { try HyperLogLog(precision: precision, memory: memory) },
            loadSketch: { geometry, pages in try HyperLogLog(geometry: geometry, memory: memory) { index, _ in pages[index] } })
    }
}
