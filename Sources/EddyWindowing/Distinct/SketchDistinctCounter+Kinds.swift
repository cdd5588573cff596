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

extension SketchDistinctCounter where Sketch == SplitBlockBloomFilter {
    /// Split-block Bloom filters sized for `expectedUsers` per window at `falsePositiveRate`, one per
    /// slice and tier (each must be able to hold a whole window's users: windows are their unions).
    public convenience init(windows: SliceWindows, expectedUsers: Int, falsePositiveRate: Double, memory: MemoryOwner) {
        let blocks = SplitBlockBloomFilter.blockCount(expectedItems: expectedUsers, falsePositiveRate: falsePositiveRate)
        self.init(
            windows: windows, makeSketch: { try SplitBlockBloomFilter(blockCount: blocks, memory: memory) },
            loadSketch: { geometry, pages in try SplitBlockBloomFilter(geometry: geometry, memory: memory) { index, _ in pages[index] } })
    }
}
